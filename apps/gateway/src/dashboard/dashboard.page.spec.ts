import { renderDashboardPage } from './dashboard.page';

describe('dashboard page', () => {
  const page = renderDashboardPage({
    categories: [{ id: 'work', name: 'Work </script><script>alert(1)</script>', color: '#1E88E5', productive: true }],
    timeZone: 'Europe/Berlin',
  });

  it('is one self-contained document: no external scripts, styles or fonts', () => {
    expect(page.startsWith('<!doctype html>')).toBe(true);
    expect(page).not.toMatch(/<script[^>]+src=|<link[^>]+stylesheet|https?:\/\/(?!www\.w3\.org)/);
  });

  it('writes its markup and style in Latin-1 only, which the bundle leaves as they are', () => {
    // The bundle writes any other character as \uXXXX, which the String.raw literals keep as
    // text: the built dashboard showed "Ingest \u2192 board p99". Inside the script it is an escape.
    const outsideScripts = page.replace(/<script[^>]*>[\s\S]*?<\/script>/g, '');
    expect(outsideScripts.match(/[^\x00-\xff]/g) ?? []).toEqual([]);
  });

  it('carries a script that parses', () => {
    const scripts = [...page.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
    expect(scripts).toHaveLength(1);
    expect(() => new Function(scripts[0])).not.toThrow();
  });

  it('embeds the bootstrap data as JSON that cannot close its script element', () => {
    const json = /<script type="application\/json" id="ap-boot">([\s\S]*?)<\/script>/.exec(page)![1];
    expect(json).not.toContain('</script>');
    expect(JSON.parse(json)).toEqual({
      categories: [{ id: 'work', name: 'Work </script><script>alert(1)</script>', color: '#1E88E5', productive: true }],
      timeZone: 'Europe/Berlin',
    });
  });
});

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

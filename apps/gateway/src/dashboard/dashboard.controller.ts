import { Controller, Get, Header } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { DEFAULT_TAXONOMY } from '@lib/classifier-engine';
import { BoardCalendar } from '../leaderboards/board-calendar.service';
import { renderDashboardPage } from './dashboard.page';

/** Inline script and styles only; data comes from this origin's API. */
const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'unsafe-inline'",
  "style-src 'unsafe-inline'",
  "connect-src 'self'",
  "img-src 'self' data:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * The live dashboard at `/`. Public: it holds no data, the visitor's API key fetches it. The
 * default taxonomy is built in so colors and names show even before `/v1/categories` answers,
 * and the boards' time zone, in which the page reckons today and its times.
 */
@ApiExcludeController()
@Controller()
export class DashboardController {
  /** Rendered again only when the boards' zone changes. */
  private page = { timeZone: '', html: '' };

  constructor(private readonly boardCalendar: BoardCalendar) {}

  @Get()
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-cache')
  @Header('Content-Security-Policy', CONTENT_SECURITY_POLICY)
  dashboard(): string {
    const timeZone = this.boardCalendar.timeZone;
    if (this.page.timeZone !== timeZone) {
      const categories = DEFAULT_TAXONOMY.map(({ id, name, color, parentId, productive }) => ({ id, name, color, parentId, productive }));
      this.page = { timeZone, html: renderDashboardPage({ categories, timeZone }) };
    }
    return this.page.html;
  }
}

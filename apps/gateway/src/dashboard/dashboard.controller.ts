import { Controller, Get, Header } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { DEFAULT_TAXONOMY } from '@lib/classifier-engine';
import { AppConfig } from '@lib/config';
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
 * default taxonomy is built in so colors and names show even before `/v1/categories` answers.
 */
@ApiExcludeController()
@Controller()
export class DashboardController {
  private readonly page: string;

  constructor(config: AppConfig) {
    this.page = renderDashboardPage({
      categories: DEFAULT_TAXONOMY.map(({ id, name, color, parentId, productive }) => ({ id, name, color, parentId, productive })),
      timeZone: config.TIME_ZONE,
    });
  }

  @Get()
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-cache')
  @Header('Content-Security-Policy', CONTENT_SECURITY_POLICY)
  @Header('X-Content-Type-Options', 'nosniff')
  dashboard(): string {
    return this.page;
  }
}

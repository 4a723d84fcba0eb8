import { describe, expect, it } from 'vitest';
import { freePort, startStandalone } from '../setup/standalone.ts';

/** The all-in-one process: the portal owns every path the API does not, /metrics among them on the public port. */
describe('[METRICS] the all-in-one process', () => {
  it('answers /metrics on the public port with the portal’s 404, and serves the metrics on METRICS_PORT', async () => {
    const metricsPort = await freePort();
    const concord = await startStandalone({ METRICS_PORT: String(metricsPort) });
    try {
      const onPublicPort = await fetch(`${concord.baseUrl}/metrics`);
      expect(onPublicPort.status).toBe(404);
      expect(await onPublicPort.text()).not.toContain('concord_');
      expect((await fetch(`${concord.baseUrl}/login`)).status).toBe(200);

      const scraped = await fetch(`http://127.0.0.1:${metricsPort}/metrics`);
      expect(scraped.status).toBe(200);
      const text = await scraped.text();
      // The portal's requests are measured under its one route, `/*`: the page, and the refused /metrics.
      expect(text).toContain(
        'concord_http_request_duration_seconds_count{route="/*",method="GET",status_code="200"} 1\n',
      );
      expect(text).toContain(
        'concord_http_request_duration_seconds_count{route="/*",method="GET",status_code="404"} 1\n',
      );
      expect(text).toContain('concord_database_info{kind="pglite"} 1');
    } finally {
      await concord.stop();
    }
  });
});

/**
 * A local SMTP server for `pnpm bench`, in a process of its own so that it does not share an event loop with
 * the sender it measures: accepts everything, keeps nothing, prints its port as one JSON line.
 */
import { startSmtpSink } from '../../services/api/test/smtp-sink.ts';

const sink = await startSmtpSink();
process.stdout.write(`${JSON.stringify({ port: sink.port })}\n`);
setInterval(() => {
  // The messages are counted by the sender; the sink keeps none of them.
  sink.messages.length = 0;
}, 1_000);
process.on('SIGTERM', () => {
  void sink.close().then(() => process.exit(0));
});

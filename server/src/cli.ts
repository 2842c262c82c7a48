// The `kubeward` command. Logic lives in ./cli/ so that tests can also run it in-process.
import { main } from './cli/main';

// A closed pipe (`kubeward scan | head`) is the reader's choice, not an error worth a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

main(process.argv.slice(2), {
  cwd: process.cwd(),
  env: process.env,
  stdoutIsTTY: process.stdout.isTTY === true,
  stderrIsTTY: process.stderr.isTTY === true,
  writeStdout: (text) => void process.stdout.write(text),
  writeStderr: (text) => void process.stderr.write(text),
}).then(
  (code) => {
    // exitCode, not exit(): pending writes to a pipe are flushed first.
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`kubeward: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 2;
  },
);

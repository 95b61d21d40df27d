/**
 * Shared by the load tests that run `faultline start` as a child process.
 * Invariant: resolves with the URL the service prints ("listening on http://…") and rejects,
 * with everything the child printed, if it exits before that line.
 */

/** The URL the child service listens on, read from its stdout. */
export function listeningUrl(child) {
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const m = /listening on (http:\/\/[\d.:]+)/.exec(out);
      if (m) resolve(m[1]);
    });
    child.once('exit', () => reject(new Error(`service exited: ${out}`)));
  });
}

/**
 * Errors that mean Redis cannot answer now (down, failing over, a slot moving, a cluster without a
 * majority): the request may be tried again shortly. From a single server, Sentinel or a cluster.
 */
const UNAVAILABLE =
  /ECONNREFUSED|Connection is closed|MaxRetriesPerRequest|Stream isn't writeable|Too many Cluster redirections|ClusterAllFailedError|Failed to refresh slots cache|Cluster isn't ready|None of startup nodes is available|^(?:\w+: )?(?:MOVED|ASK|TRYAGAIN|CLUSTERDOWN|LOADING|READONLY|MASTERDOWN)\b/i;

/** True for an error that means Redis is unavailable for now (answer 503, retry later). */
export function isRedisUnavailable(err: unknown): boolean {
  const message = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  return UNAVAILABLE.test(message) || (err instanceof Error && UNAVAILABLE.test(err.message));
}

/** A cluster refused a command without running it (it must go to another node, or wait for the cluster). */
export function isClusterRedirect(err: unknown): boolean {
  return err instanceof Error && /^(?:MOVED|ASK|TRYAGAIN|CLUSTERDOWN) /.test(err.message);
}

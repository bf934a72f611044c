/**
 * The internal jobs the controller sends to a detached task's pinned worker. A
 * discovery is a plain query with `driver_args.list_active_detached_tasks` and needs no action.
 */
export type DetachedAction =
  /**
   * New log bytes from `offset` (null: the registry's `last_offset`). `advance: false` (the
   * supervisor's status re-sync) leaves `last_offset` where it was, so no client read loses bytes.
   */
  | { kind: 'query'; task_id: string; offset: number | null; advance: boolean }
  /** SIGTERM, SIGKILL, files removed, the task leaves the registry. */
  | { kind: 'kill'; task_id: string };

/**
 * Whether this worker process takes work: the role's service says when it starts and stops
 * consuming; `/readyz` also needs Redis to answer.
 */
export class WorkerReadiness {
  private consuming = false;
  private reason = 'starting';

  set(consuming: boolean, reason = consuming ? '' : 'not consuming'): void {
    this.consuming = consuming;
    this.reason = reason;
  }

  state(): { consuming: boolean; reason: string } {
    return { consuming: this.consuming, reason: this.reason };
  }
}

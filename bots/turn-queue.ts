/**
 * Runs the turns of one conversation one at a time, in arrival order, while different conversations
 * run in parallel. Two turns of one conversation at once would read the same saved state, and the
 * later save would be refused on its eTag (the dealer would get a "crossed messages" apology); across
 * processes that refusal is the only guard, within one it never has to fire.
 */
export class TurnQueue {
  private readonly tails = new Map<string, Promise<void>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key);
    const result = previous !== undefined ? previous.then(task) : task();
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(key, tail);
    // Forget idle conversations so memory stays flat however many there have been.
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }

  /** Conversations with a turn running or waiting (for tests and health figures). */
  get busy(): number {
    return this.tails.size;
  }
}

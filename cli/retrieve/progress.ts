/**
 * Progress of a long stream on stderr, so stdout stays clean for the data. On a terminal one line is rewritten
 * in place; otherwise (a log file, CI) a line every few seconds. Nothing for streams that finish within a second.
 */
export class Progress {
  private items = 0;
  private pages = 0;
  private readonly started = Date.now();
  private lastShown = 0;
  private shown = false;

  constructor(
    private readonly label: string,
    private readonly out: NodeJS.WriteStream = process.stderr,
    private readonly enabled = true,
  ) {}

  add(items: number): void {
    this.items += items;
    this.pages++;
    if (!this.enabled) return;
    const now = Date.now();
    const every = this.out.isTTY ? 250 : 5000;
    if (now - this.started < 1000 || now - this.lastShown < every) return;
    this.lastShown = now;
    this.show(false);
  }

  private show(final: boolean): void {
    const seconds = (Date.now() - this.started) / 1000;
    const rate = Math.round(this.items / Math.max(seconds, 0.001));
    const text = `${this.label}: ${this.items.toLocaleString('en')} items in ${this.pages} pages, ${seconds.toFixed(1)} s (${rate.toLocaleString('en')}/s)`;
    if (this.out.isTTY) this.out.write(`\r${text}${final ? '\n' : ''}`);
    else this.out.write(`${text}\n`);
    this.shown = true;
  }

  done(): void {
    if (this.enabled && this.shown) this.show(true);
  }
}

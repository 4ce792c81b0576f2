import { connect } from 'node:net';

export interface SlowClientOptions {
  /** Written at once, as soon as the connection is up. */
  head: string;
  /** Then this, one byte per `intervalMs`, over and over; empty sends nothing more. */
  drip: string;
  intervalMs: number;
  /** Gives up (and reports `cut: false`) if the server has not closed the connection by then. */
  giveUpMs: number;
}

export interface SlowClientResult {
  /** Whether the server closed the connection before `giveUpMs`. */
  cut: boolean;
  /** From the connection being up to it being closed by the server (or to giving up). */
  afterMs: number;
  /** Bytes written after `head`: proof the client was still sending when it was cut. */
  dripped: number;
  /** Whatever the server wrote back before closing (latin1, byte for byte). */
  response: string;
}

/**
 * A slowloris-style client over raw TCP: it starts a request and never finishes it, sending just
 * enough to stay active. fetch cannot do this (it sends a request whole).
 */
export function slowClient(baseUrl: string, options: SlowClientOptions): Promise<SlowClientResult> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    // An IPv6 literal's brackets belong to the URL, not to the address.
    const socket = connect(Number(port), hostname.replace(/^\[|\]$/g, ''));
    let connectedAt = 0;
    let dripped = 0;
    let response = '';
    let timer: NodeJS.Timeout | undefined;
    const finish = (cut: boolean) => {
      clearInterval(timer);
      clearTimeout(giveUp);
      resolve({ cut, afterMs: Date.now() - connectedAt, dripped, response });
    };
    const giveUp = setTimeout(() => {
      socket.removeAllListeners('close');
      socket.destroy();
      finish(false);
    }, options.giveUpMs);
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => (response += chunk));
    // A reset instead of a clean close is still the server cutting us off.
    socket.on('error', (error: NodeJS.ErrnoException) => {
      if (connectedAt === 0) {
        clearTimeout(giveUp);
        reject(error);
      }
    });
    socket.on('close', () => finish(true));
    socket.on('connect', () => {
      connectedAt = Date.now();
      socket.write(options.head);
      if (options.drip === '') return;
      timer = setInterval(() => {
        if (socket.destroyed || !socket.writable) return;
        socket.write(options.drip[dripped % options.drip.length]!);
        dripped += 1;
      }, options.intervalMs);
    });
  });
}

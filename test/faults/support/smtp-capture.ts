import { SMTPServer } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';

export interface CapturedMail {
  messageId: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  raw: string;
}

/**
 * A real SMTP server on 127.0.0.1 that keeps what it receives. It can be stopped and started on the
 * same port (SMTP "down for a while") and can take its time per message (deliveries in flight).
 */
export class SmtpCapture {
  readonly mails: CapturedMail[] = [];
  delayMs = 0;
  private server: SMTPServer | null = null;

  constructor(readonly port: number) {}

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    if (this.server) return;
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData: (stream, _session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          const raw = Buffer.concat(chunks).toString('utf8');
          void simpleParser(raw).then(async (m: ParsedMail) => {
            if (this.delayMs) await new Promise((r) => setTimeout(r, this.delayMs));
            this.mails.push({
              messageId: m.messageId ?? '',
              to: Array.isArray(m.to) ? m.to.map((a) => a.text).join(',') : (m.to?.text ?? ''),
              subject: m.subject ?? '',
              text: m.text ?? '',
              html: typeof m.html === 'string' ? m.html : '',
              raw,
            });
            callback();
          }, callback);
        });
      },
    });
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(this.port, '127.0.0.1', () => resolve());
    });
  }

  async stop(): Promise<void> {
    const s = this.server;
    this.server = null;
    if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
  }

  /** Message-ID → how many times it arrived. */
  counts(): Map<string, number> {
    const m = new Map<string, number>();
    for (const mail of this.mails) m.set(mail.messageId, (m.get(mail.messageId) ?? 0) + 1);
    return m;
  }
}

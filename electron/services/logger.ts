import pino from 'pino';

export type Logger = pino.Logger;

/** Structured JSON logs. Never log identity fields or image bytes. */
export const createLogger = (options: { level?: string; destination?: string } = {}): Logger =>
  pino(
    { level: options.level ?? process.env.STATION_LOG_LEVEL ?? 'info', base: undefined },
    options.destination ? pino.destination({ dest: options.destination, mkdir: true, sync: false }) : undefined,
  );

/**
 * The composition root: configuration → knowledge and locales → engine → bot → web app →
 * listen. The only place that reads the environment and the only caller of listen().
 */
import { loadConfig } from './config';
import { ConfigError, KnowledgeError } from './errors';
import { createLogger } from './logger';
import { buildRuntime } from './runtime/build';
import { closeGracefully } from './channels/web/server';
import { KNOWLEDGE_DIR, LOCALES_DIR } from './runtime/paths';

function main(): void {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n`);
    process.exit(1);
  }
  const logger = createLogger(config.LOG_LEVEL);
  let runtime;
  try {
    runtime = buildRuntime(config, logger);
  } catch (err) {
    process.stderr.write(
      `${err instanceof KnowledgeError || err instanceof ConfigError ? err.message : String(err)}\n`,
    );
    process.exit(1);
  }
  const { server, bot, live, unanswered } = runtime;
  // Staff edit knowledge/ or locales/: the running bot picks the change up (or SIGHUP forces it).
  live.watch([KNOWLEDGE_DIR, LOCALES_DIR]);
  process.on('SIGHUP', () => live.reload());

  // Defence in depth: botkit can still reject outside our guards; log it, keep serving.
  process.on('unhandledRejection', (reason) => {
    logger.error(
      { err: { message: reason instanceof Error ? reason.message : String(reason) } },
      'unhandled rejection',
    );
  });

  server.on('error', (err) => {
    logger.fatal({ err: { message: err.message } }, 'server error');
    process.exit(1);
  });
  server.listen(config.PORT, config.HOST, () => {
    logger.info(
      { port: config.PORT, host: config.HOST },
      `koyo-bot listening on http://${config.HOST === '0.0.0.0' ? 'localhost' : config.HOST}:${config.PORT}/`,
    );
  });

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    live.close();
    closeGracefully(server, bot)
      .then(() => unanswered.flush())
      .then(
        () => process.exit(0),
        () => process.exit(1),
      );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main();

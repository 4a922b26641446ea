#!/usr/bin/env node
/**
 * Entry point: read flags and environment, build the app, listen, and close
 * the server and database cleanly on SIGINT/SIGTERM.
 */
import { ConfigError, checkDbPath, helpText, parseArgs, DEFAULT_CLIENT, DEFAULT_USER } from './config';
import { buildApp } from './app';
import { wantsPretty } from './control/logger';

async function main(): Promise<void> {
  let parsed;
  try {
    parsed = parseArgs(process.argv.slice(2), process.env);
    if (!parsed.help) checkDbPath(parsed.config);
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`error: ${e.message}\n`);
      process.exit(2);
    }
    throw e;
  }
  if (parsed.help) {
    process.stdout.write(helpText() + '\n');
    return;
  }
  const { config } = parsed;
  const app = await buildApp(config);
  const address = await app.listen({ port: config.port, host: config.host });
  const client = config.clients.find((c) => c.clientId === DEFAULT_CLIENT.clientId);
  const user = config.users.find((u) => u.username === DEFAULT_USER.username);
  if (wantsPretty(config, process.stdout.isTTY === true)) {
    process.stdout.write(
      `oracle-integration-emulator listening on ${address}\n` +
        (client ? `  OAuth client: ${client.clientId} / ${client.clientSecret}  (POST ${address}/oauth2/v1/token)\n` : '') +
        (user ? `  Basic user:   ${user.username} / ${user.password}\n` : '') +
        `  API docs:     ${address}/docs\n` +
        `  Dashboard:    ${address}/_emulator/ui\n`,
    );
  } else {
    // Where logs are JSON lines (CI, Docker), the start-up line is one too, so
    // a log collector never meets plain text. It is written whatever the log
    // level (tools wait for it), and without the secrets the banner shows.
    process.stdout.write(JSON.stringify({
      level: 30,
      time: app.ctx.clock.wallNow(),
      msg: `oracle-integration-emulator listening on ${address} (API docs ${address}/docs, dashboard ${address}/_emulator/ui)`,
      url: address,
      oauthClient: client?.clientId,
      basicUser: user?.username,
      tokenUrl: `${address}/oauth2/v1/token`,
    }) + '\n');
  }
  let closing = false;
  const close = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    try {
      await app.close();
      process.exit(0);
    } catch (e) {
      process.stderr.write(`error during shutdown: ${(e as Error).message}\n`);
      process.exit(1);
    }
  };
  process.on('SIGINT', () => void close('SIGINT'));
  process.on('SIGTERM', () => void close('SIGTERM'));
}

main().catch((e) => {
  process.stderr.write(`failed to start: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});

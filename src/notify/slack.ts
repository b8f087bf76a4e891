/** What a Slack message reports about one run. */
export interface RunReport {
  environment: string;
  mode: string;
  applied: readonly string[];
  skipped: readonly string[];
  failed: readonly string[];
  /** A link to the workflow run, when known. */
  runUrl?: string;
}

function names(list: readonly string[]): string {
  return list.length === 0 ? '' : `: ${list.join(', ')}`;
}

/** The message text (Slack mrkdwn); `&`, `<` and `>` escaped as Slack asks. */
export function slackMessage(report: RunReport): { text: string } {
  const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const status = report.failed.length > 0 ? ':x: failed' : ':white_check_mark: succeeded';
  const lines = [
    `kubecd ${escape(report.mode)} of *${escape(report.environment)}* ${status}`,
    `applied ${report.applied.length}${escape(names(report.applied))}`,
    `skipped ${report.skipped.length}${escape(names(report.skipped))}`,
    `failed ${report.failed.length}${escape(names(report.failed))}`,
  ];
  if (report.runUrl) lines.push(`<${report.runUrl}|workflow run>`);
  return { text: lines.join('\n') };
}

export class SlackError extends Error {}

/**
 * What to mask of an incoming webhook URL: the whole URL and every path segment (the last one is the secret,
 * but a log may quote any part of the path on its own).
 */
export function webhookSecrets(webhookUrl: string): string[] {
  let segments: string[];
  try {
    segments = new URL(webhookUrl).pathname.split('/').map((segment) => {
      try {
        return decodeURIComponent(segment);
      } catch {
        return segment;
      }
    });
  } catch {
    segments = [];
  }
  return [...new Set([webhookUrl.trim(), ...segments])].filter((secret) => secret !== '');
}

/** Posts the report to an incoming webhook. The webhook URL is a secret: errors never include it. */
export async function postToSlack(webhookUrl: string, report: RunReport, timeoutMs = 15_000): Promise<void> {
  let response: Response;
  try {
    response = await fetch(webhookUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(slackMessage(report)),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    throw new SlackError(`cannot reach the Slack webhook: ${(error as Error).name}`);
  }
  // Never the body: an endpoint may echo the request path, which holds the secret.
  await response.body?.cancel().catch(() => undefined);
  if (!response.ok) throw new SlackError(`the Slack webhook answered HTTP ${response.status}`);
}

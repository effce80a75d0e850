// Interactive decisions through @inquirer/prompts, in the interface language. Prompts write to
// stderr so that stdout stays clean (--json).
import { roleTitle } from '../profiles/role-names.js';
import { WardkitError } from '../errors.js';
import type { Formatter } from '../i18n/format.js';
import type { PendingDecision } from './decide.js';

export interface Prompter {
  /** The chosen device URI, or null to record the role as missing. */
  chooseDevice(d: PendingDecision): Promise<string | null>;
  confirm(message: string): Promise<boolean>;
}

export function inquirerPrompter(
  t: Formatter,
  io: { input?: NodeJS.ReadableStream; output?: NodeJS.WritableStream; signal?: AbortSignal } = {},
): Prompter {
  const context = {
    input: io.input ?? process.stdin,
    output: io.output ?? process.stderr,
    signal: io.signal,
    clearPromptOnDone: false,
  };
  return {
    async chooseDevice(d) {
      const { select } = await import('@inquirer/prompts');
      const { role } = d.match;
      const message = t(
        d.match.status === 'ambiguous'
          ? 'apply.prompt.ambiguous'
          : d.choices.length
            ? 'apply.prompt.missing'
            : 'apply.prompt.none',
        {
          role: role.id,
          kind: t(`apply.kind.${role.kind}`),
          description: roleTitle(role, t),
          count: d.choices.length,
        },
      );
      const NONE = '\u0000missing';
      const choices = [
        // The URI tells apart devices the OS shows under the same name (two "USB Audio" sinks).
        ...d.choices.map((dev) => ({
          name: `${dev.name}${dev.vendor ? ` (${dev.vendor})` : ''} — ${dev.uri}`,
          value: dev.uri,
        })),
        { name: t(role.required ? 'apply.prompt.recordMissingRequired' : 'apply.prompt.recordMissing'), value: NONE },
      ];
      const v = await cancellable(
        select(
          {
            message,
            choices,
            pageSize: 12,
            instructions: { navigation: t('apply.prompt.navigation'), pager: t('apply.prompt.pager') },
          },
          context as never,
        ),
      );
      return v === NONE ? null : v;
    },
    async confirm(message) {
      const { confirm } = await import('@inquirer/prompts');
      return cancellable(
        confirm(
          { message, default: true, transformer: (yes: boolean) => t(yes ? 'apply.value.yes' : 'apply.value.no') },
          context as never,
        ),
      );
    },
  };
}

/** Ctrl-C or Ctrl-D at a prompt (ExitPromptError) or an abort (AbortPromptError): cancelled, nothing changed. */
async function cancellable<T>(p: Promise<T>): Promise<T> {
  try {
    return await p;
  } catch (err) {
    const name = (err as Error)?.name;
    if (name === 'ExitPromptError' || name === 'AbortPromptError' || name === 'CancelPromptError')
      throw new WardkitError('apply.cancelled', {}, 1, { cause: err });
    throw err;
  }
}

import type { OptionSpec } from '../args';

export const SHELLS = ['bash', 'zsh', 'fish'] as const;
export type Shell = (typeof SHELLS)[number];

export interface CompletionCommand {
  name: string;
  summary: string;
  /** One entry per subcommand, or a single entry without `sub` for a command that has none. */
  entries: { sub?: string; options: Readonly<Record<string, OptionSpec>> }[];
}

const BINS = ['mwb', 'module-workbench'];

/** Single-quoted for sh, zsh and fish: `'` closes, an escaped quote, reopens. */
function q(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

function key(c: CompletionCommand, sub?: string): string {
  return sub ? `${c.name} ${sub}` : c.name;
}

function hasSubs(c: CompletionCommand): boolean {
  return c.entries.some((e) => e.sub);
}

function bash(commands: readonly CompletionCommand[]): string {
  const lines = [
    '# mwb completion for bash. Use: source <(mwb completion bash)',
    '_mwb() {',
    '  local cur="${COMP_WORDS[COMP_CWORD]}" prev="${COMP_WORDS[COMP_CWORD-1]}"',
    '  local key="${COMP_WORDS[1]}" opts="" valueopts="" values=""',
    '  if [[ $COMP_CWORD -eq 1 ]]; then',
    `    COMPREPLY=($(compgen -W ${q([...commands.map((c) => c.name), '--help', '--version', 'help'].join(' '))} -- "$cur")); return`,
    '  fi',
    '  case "$key" in',
  ];
  for (const c of commands.filter(hasSubs)) {
    lines.push(`    ${c.name})`, `      if [[ $COMP_CWORD -eq 2 ]]; then COMPREPLY=($(compgen -W ${q(c.entries.map((e) => e.sub).join(' '))} -- "$cur")); return; fi`, '      key="$key ${COMP_WORDS[2]}";;');
  }
  lines.push('  esac', '  case "$key" in');
  for (const c of commands) {
    for (const e of c.entries) {
      const names = Object.keys(e.options);
      const valued = names.filter((n) => e.options[n].value);
      lines.push(`    ${q(key(c, e.sub))}) opts=${q([...names.map((n) => `--${n}`), '--help'].join(' '))}; valueopts=${q(valued.map((n) => `--${n}`).join(' '))}`);
      for (const n of valued.filter((v) => e.options[v].choices)) lines.push(`      [[ $prev == --${n} ]] && values=${q((e.options[n].choices ?? []).join(' '))}`);
      lines[lines.length - 1] += ';;';
    }
  }
  lines.push(
    '  esac',
    '  if [[ -n $values ]]; then COMPREPLY=($(compgen -W "$values" -- "$cur")); return; fi',
    '  if [[ -n $prev && " $valueopts " == *" $prev "* ]]; then COMPREPLY=($(compgen -f -- "$cur")); return; fi',
    '  if [[ $cur == -* ]]; then COMPREPLY=($(compgen -W "$opts" -- "$cur")); else COMPREPLY=($(compgen -d -- "$cur")); fi',
    '}',
    `complete -o filenames -F _mwb ${BINS.join(' ')}`,
    '',
  );
  return lines.join('\n');
}

function zshArgs(options: Readonly<Record<string, OptionSpec>>): string {
  const specs = Object.entries(options).map(([n, o]) => {
    if (!o.value) return q(`--${n}[flag]`);
    return o.choices ? q(`--${n}=[one of ${o.choices.join(', ')}]:${n}:(${o.choices.join(' ')})`) : q(`--${n}=[value]:${n}:_files`);
  });
  return [...specs, q('--help[show help]'), q('*:checkout:_files -/')].join(' ');
}

function zsh(commands: readonly CompletionCommand[]): string {
  const lines = [
    `#compdef ${BINS.join(' ')}`,
    '# mwb completion for zsh. Use: mwb completion zsh > "${fpath[1]}/_mwb" (then restart zsh)',
    '_mwb() {',
    '  local -a commands',
    `  commands=(${commands.map((c) => q(`${c.name}:${c.summary.replace(/:/g, '\\:')}`)).join(' ')})`,
    '  if (( CURRENT == 2 )); then _describe command commands; return; fi',
    '  local key=${words[2]}',
    '  shift words; (( CURRENT-- ))',
    '  case $key in',
  ];
  for (const c of commands.filter(hasSubs)) {
    lines.push(`    ${c.name})`, `      if (( CURRENT == 2 )); then local -a subs; subs=(${c.entries.map((e) => q(e.sub ?? '')).join(' ')}); _describe subcommand subs; return; fi`, '      key="$key ${words[2]}"; shift words; (( CURRENT-- ));;');
  }
  lines.push('  esac', '  case $key in');
  for (const c of commands) for (const e of c.entries) lines.push(`    ${q(key(c, e.sub))}) _arguments ${zshArgs(e.options)};;`);
  lines.push('  esac', '}', 'if [[ $zsh_eval_context[-1] == loadautofunc ]]; then _mwb "$@"; else compdef _mwb mwb module-workbench; fi', '');
  return lines.join('\n');
}

function fish(commands: readonly CompletionCommand[]): string {
  const lines = [
    '# mwb completion for fish. Use: mwb completion fish > ~/.config/fish/completions/mwb.fish',
    '# __mwb_at CMD [SUB]: the command line so far is `mwb CMD [SUB] ...`.',
    'function __mwb_at',
    '  set -l t (commandline -opc)',
    '  test (count $t) -ge 2; and test "$t[2]" = "$argv[1]"; or return 1',
    '  set -q argv[2]; or return 0',
    '  test (count $t) -ge 3; and test "$t[3]" = "$argv[2]"',
    'end',
    'function __mwb_word',
    '  test (count (commandline -opc)) -eq $argv[1]',
    'end',
  ];
  for (const bin of BINS) {
    const c0 = (s: string) => lines.push(`complete -c ${bin} ${s}`);
    for (const c of commands) c0(`-f -n '__mwb_word 1' -a ${q(c.name)} -d ${q(c.summary)}`);
    for (const c of commands) {
      if (hasSubs(c)) for (const e of c.entries) c0(`-f -n '__mwb_word 2; and __mwb_at ${c.name}' -a ${q(e.sub ?? '')}`);
      for (const e of c.entries) {
        const at = `__mwb_at ${c.name}${e.sub ? ` ${e.sub}` : ''}`;
        for (const [n, o] of Object.entries(e.options)) {
          if (!o.value) c0(`-n ${q(at)} -l ${n}`);
          else if (o.choices) c0(`-n ${q(at)} -l ${n} -x -a ${q(o.choices.join(' '))}`);
          else c0(`-n ${q(at)} -l ${n} -r`);
        }
      }
    }
  }
  lines.push('');
  return lines.join('\n');
}

/** A completion script for `shell`: commands (with their summaries), subcommands, options, option values, folders. */
export function completionScript(shell: Shell, commands: readonly CompletionCommand[]): string {
  switch (shell) {
    case 'bash':
      return bash(commands);
    case 'zsh':
      return zsh(commands);
    case 'fish':
      return fish(commands);
  }
}

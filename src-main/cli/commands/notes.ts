import { WorkbenchError } from '../../common/contract';
import { NOTE_KINDS, NOTE_STATUSES, type NoteKind, type NoteSummary } from '../../common/contract-notes';
import { escapeTerminalData, escapeTerminalText } from '../../common/terminal-text';
import { createNote, listNotes } from '../../service/notes';
import { checkoutArg, parseArgs, stringOption } from '../args';
import { columns, paint } from '../colour';
import { EXIT_OK, UsageError, type CliIO } from '../io';
import type { Command } from './command';

const USAGE = [
  'mwb notes list [checkout] [--module M] [--kind architecture|migration] [--status S] [--format text|json]',
  'mwb notes new [checkout] --kind architecture|migration --title T [--module M ...] [--supersedes N] [--date YYYY-MM-DD]',
].join('\n');

/** `--module a --module b` and `--module a,b`: every value, and the arguments without them. */
function takeModules(argv: readonly string[]): { modules: string[]; rest: string[] } {
  const modules: string[] = [];
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--module') {
      const value = argv[i + 1];
      if (value === undefined || value.startsWith('--')) throw new UsageError("notes: option '--module' needs a value");
      modules.push(...value.split(','));
      i++;
    } else if (arg.startsWith('--module=')) modules.push(...arg.slice('--module='.length).split(','));
    else rest.push(arg);
  }
  return { modules: modules.map((m) => m.trim()).filter(Boolean), rest };
}

function listText(raw: NoteSummary[], colour: boolean): string {
  const notes = escapeTerminalData(raw);
  const p = paint(colour);
  if (notes.length === 0) return 'No notes.\n';
  const rows = [['#', 'KIND', 'STATUS', 'DATE', 'TITLE', 'MODULES']];
  for (const n of notes) {
    const title = n.title ?? n.path;
    rows.push([n.number ?? '-', n.kind ?? '?', n.status ?? '?', n.date ?? '?', `${title.length > 60 ? `${title.slice(0, 59)}…` : title}${n.valid ? '' : ' (invalid: see mwb check)'}`, n.modules.join(', ')]);
  }
  const lines = columns(rows);
  return [p.bold(lines[0]), ...lines.slice(1), '', `${notes.length} note${notes.length === 1 ? '' : 's'}`].join('\n') + '\n';
}

export const notesCommand: Command = {
  name: 'notes',
  summary: 'architecture and migration notes: list them, or write a new one from its template',
  usage: USAGE,
  ownsKindOption: true,
  run(argv: string[], io: CliIO): number {
    const [sub, ...more] = argv;
    if (sub !== 'list' && sub !== 'new') throw new UsageError(`notes: expected 'list' or 'new'${sub ? `, got '${sub}'` : ''}.\n${USAGE}`);
    const { modules, rest } = takeModules(more);
    try {
      if (sub === 'list') {
        const args = parseArgs(rest, { kind: { value: true, choices: NOTE_KINDS }, status: { value: true, choices: NOTE_STATUSES }, format: { value: true, choices: ['text', 'json'] } }, 'notes list');
        if (modules.length > 1) throw new UsageError('notes list: give at most one --module');
        const notes = listNotes(checkoutArg(args, 'notes list', io.cwd), { module: modules[0], kind: stringOption(args, 'kind'), status: stringOption(args, 'status') });
        io.stdout(stringOption(args, 'format') === 'json' ? JSON.stringify({ notes }, null, 2) + '\n' : listText(notes, io.colour));
        return EXIT_OK;
      }
      const args = parseArgs(rest, { kind: { value: true, choices: NOTE_KINDS }, title: { value: true }, supersedes: { value: true }, date: { value: true } }, 'notes new');
      const kind = stringOption(args, 'kind');
      const title = stringOption(args, 'title');
      if (!kind || !title) throw new UsageError(`notes new: --kind and --title are required.\n${USAGE}`);
      const result = createNote(checkoutArg(args, 'notes new', io.cwd), { kind: kind as NoteKind, title, modules, supersedes: stringOption(args, 'supersedes') }, stringOption(args, 'date'));
      io.stdout(`Wrote ${escapeTerminalText(result.path)}${result.superseded ? `; ${escapeTerminalText(result.superseded)} is now superseded` : ''}\n`);
      return EXIT_OK;
    } catch (err) {
      if (err instanceof WorkbenchError) throw new UsageError(`notes ${sub}: ${err.message}`);
      throw err;
    }
  },
};

// Bench section: `mwb check` against the floor (every input check reads, YAML parsed with js-yaml)
// and the same floor with the `yaml` package; check's peak memory; `migrate plan` against check.
import { CLI, FLOOR, fmt, interleaved, runNode } from './lib.mjs';

/** A figure every section returns: what, the measured value against its goal (null: printed for scale), and details. */
export function figure(label, value, target, { unit = '', digits = 2, detail = '', lowerIsBetter = true } = {}) {
  const known = value !== null && value !== undefined;
  const ok = !known || target === null ? null : lowerIsBetter ? value <= target : value >= target;
  const show = (x) => (unit === '%' ? `${fmt(100 * x, 1)}%` : `${fmt(x, digits)}${unit}`);
  return { label, value, target, measured: known ? show(value) : '-', goal: target === null ? '(for scale)' : `${lowerIsBetter ? '<=' : '>='} ${show(target)}`, ok, detail };
}

export const checkSection = {
  name: 'check',
  describe: 'mwb check --format json against the floor process (read every input check reads; YAML parsed with js-yaml, then with the yaml package); peak memory',
  sizes: [5000],
  run(ctx, dir, n) {
    const [check, floor, yamlFloor] = interleaved(
      [
        { what: `check on ${n}`, argv: [CLI, 'check', dir, '--format', 'json'], okCodes: [0, 1] },
        { what: 'floor (js-yaml)', argv: [FLOOR, dir] },
        { what: 'floor (yaml)', argv: [FLOOR, dir, '--parser', 'yaml'] },
      ],
      ctx.opts,
    );
    const detail = `check ${fmt(check.medianMs, 0)} ms (${check.timesMs.join(', ')}); floor js-yaml ${fmt(floor.medianMs, 0)} ms (${floor.timesMs.join(', ')}); floor yaml ${fmt(yamlFloor.medianMs, 0)} ms (${yamlFloor.timesMs.join(', ')})`;
    return [
      figure(`check / js-yaml floor, ${n} modules`, check.medianMs / floor.medianMs, 2.0, { unit: 'x', detail }),
      figure(`check / yaml-package floor, ${n} modules`, check.medianMs / yamlFloor.medianMs, null, { unit: 'x' }),
      figure(`peak memory of check, ${n} modules`, check.peakRssMB, 300, { unit: ' MB', digits: 0, detail: `floor ${fmt(floor.peakRssMB, 0)} MB (RSS of the process and its worker threads)` }),
    ];
  },
};

export const migratePlanSection = {
  name: 'migrate-plan',
  describe: 'mwb migrate plan --format json (three migrations a module, a quarter with a cross-module depends) against check alone',
  sizes: [5000],
  run(ctx, dir, n) {
    const [plan, check] = interleaved(
      [
        { what: `migrate plan on ${n}`, argv: [CLI, 'migrate', 'plan', dir, '--format', 'json'] },
        { what: `check on ${n}`, argv: [CLI, 'check', dir, '--format', 'json'], okCodes: [0, 1] },
      ],
      ctx.opts,
    );
    return [figure(`migrate plan / check, ${n} modules`, plan.medianMs / check.medianMs, 2.0, { unit: 'x', detail: `plan ${fmt(plan.medianMs, 0)} ms, check ${fmt(check.medianMs, 0)} ms` })];
  },
};

/** The generated platform must be clean, or check would be timed on an error path. */
export function inspectCheck(dir) {
  const run = runNode([CLI, 'check', dir, '--format', 'json'], { captureStdout: true });
  try {
    const report = JSON.parse(run.stdout);
    const s = report.summary ?? {};
    return `check on the generated platform: ${report.modules?.length ?? '?'} modules, ${s.errors ?? '?'} errors, ${s.warnings ?? '?'} warnings, ${s.infos ?? '?'} infos (exit ${run.status})`;
  } catch (err) {
    return `check --format json did not print JSON (exit ${run.status}): ${err.message}; ${run.stderr.slice(0, 300)}`;
  }
}

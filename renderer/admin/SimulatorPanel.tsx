// 叫号策略模拟: a hall manager picks two calling policies and a seed, sets how
// visitors behave (no-shows, recalls, transfers, fetching papers, walking), runs
// the simulator on the hall (POST /api/v1/admin/simulate) and reads, per group
// of visitors (green channel, appointment, walk-in, all), the mean, p90 and
// longest wait and the share over target under each policy, which policy is
// better for whom, and the verdict — decided by the worst-served group.
// Contract: the policies come as props (the configured list; the hall serves it
// at GET /api/v1/admin/simulate/policies — fetchSimulatorPolicies). The
// response types mirror hall/api/routes/simulator.ts (SimulateResponse) until
// they move into hall/api/dto.ts; the renderer may import nothing else.
// UI text: renderer/shared/i18n/zh-CN-simulator.ts (merged into zh-CN by the lead).
import { useState } from 'react';
import { interpolate, useT, type MessageKey, type MessageParams } from '../shared/i18n';
import { zhCNSimulator, type SimulatorMessageKey } from '../shared/i18n/zh-CN-simulator';
import type { ApiClient } from '../shared/api/client';
import { ApiError, describeError } from '../shared/api/errors';
import type { SimulationBehaviourDTO, SimulationDTO, SimulationRow } from '../../hall/api/dto';

export interface SimulatorPolicyOption {
  id: string;
  name: string;
}

type Row = SimulationRow;
/** The answer of POST /api/v1/admin/simulate. */
export type SimulationView = SimulationDTO;

const ROWS: readonly Row[] = ['green', 'appointment', 'walk_in', 'overall'];
const SCALES: readonly { value: number; label: SimulatorMessageKey }[] = [
  { value: 1, label: 'simulator.scale.normal' },
  { value: 1.3, label: 'simulator.scale.busy' },
  { value: 1.6, label: 'simulator.scale.peak' },
];
const ERRORS: Record<string, SimulatorMessageKey> = { busy: 'simulator.error.busy', too_much_work: 'simulator.error.tooMuch', invalid_policy: 'simulator.error.invalidPolicy', invalid_behaviour: 'simulator.error.invalidBehaviour', invalid_request: 'simulator.error.invalidBehaviour' };

type BehaviourField = keyof SimulationBehaviourDTO;
/** Behaviour inputs: shares are entered in percent; defaults as hall/simulator/behaviour.ts DEFAULT_BEHAVIOUR. */
const BEHAVIOUR: readonly { field: BehaviourField; label: SimulatorMessageKey; percent: boolean; initial: number }[] = [
  { field: 'noShowRate', label: 'simulator.behaviour.noShow', percent: true, initial: 4 },
  { field: 'recallRate', label: 'simulator.behaviour.recall', percent: true, initial: 8 },
  { field: 'transferRate', label: 'simulator.behaviour.transfer', percent: true, initial: 3 },
  { field: 'suspendRate', label: 'simulator.behaviour.suspend', percent: true, initial: 2 },
  { field: 'suspendAwayMinutes', label: 'simulator.behaviour.away', percent: false, initial: 20 },
  { field: 'walkSeconds', label: 'simulator.behaviour.walk', percent: false, initial: 40 },
];
const pct = (n: number | null) => (n === null ? '—' : `${Math.round(n * 100)}%`);

/** t() for the simulator's keys: the main catalog once merged, this panel's own catalog until then. */
function useSimulatorT(): (key: SimulatorMessageKey, params?: MessageParams) => string {
  const t = useT();
  return (key, params) => {
    const text = t(key as MessageKey, params);
    return text === key ? interpolate(zhCNSimulator[key], params) : text;
  };
}

export function fetchSimulatorPolicies(client: ApiClient, signal?: AbortSignal): Promise<SimulatorPolicyOption[]> {
  return client.call('simulatePolicies', { signal });
}

const minutes = (n: number | null) => (n === null ? '—' : n.toFixed(1));
const signed = (n: number | null) => (n === null ? '—' : `${n > 0 ? '+' : ''}${n.toFixed(1)}`);

function PolicySelect(props: { label: string; policies: SimulatorPolicyOption[]; value: string; onChange: (id: string) => void; testId: string }) {
  return (
    <label>
      {props.label}
      <select value={props.value} onChange={(e) => props.onChange(e.target.value)} data-testid={props.testId}>
        {props.policies.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
          </option>
        ))}
      </select>
    </label>
  );
}

export function SimulatorPanel({ client, policies }: { client: ApiClient; policies: SimulatorPolicyOption[] }) {
  const st = useSimulatorT();
  const t = useT();
  const [policyA, setPolicyA] = useState(policies[0]?.id ?? '');
  const [policyB, setPolicyB] = useState(policies[1]?.id ?? policies[0]?.id ?? '');
  const [seed, setSeed] = useState('42');
  const [scale, setScale] = useState(1);
  const [running, setRunning] = useState(false);
  const [result, setResult] = useState<SimulationView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [behaviour, setBehaviour] = useState<Record<BehaviourField, string>>(() => Object.fromEntries(BEHAVIOUR.map((b) => [b.field, String(b.initial)])) as Record<BehaviourField, string>);
  const behaviourBody = Object.fromEntries(BEHAVIOUR.map((b) => [b.field, Number(behaviour[b.field]) / (b.percent ? 100 : 1)])) as Record<BehaviourField, number>;
  const behaviourOk = BEHAVIOUR.every((b) => behaviour[b.field].trim() !== '' && Number.isFinite(Number(behaviour[b.field])) && Number(behaviour[b.field]) >= 0);

  const seedNumber = Number(seed);
  const seedOk = seed.trim() !== '' && Number.isInteger(seedNumber) && seedNumber >= 0 && seedNumber <= 4294967295;
  const same = policyA === policyB;
  const canRun = !running && seedOk && behaviourOk && !same && policyA !== '' && policyB !== '';

  const run = async () => {
    if (!canRun) return;
    setRunning(true);
    setError(null);
    try {
      setResult(await client.call('simulate', { body: { seed: seedNumber, policyA, policyB, scale, behaviour: behaviourBody } }));
    } catch (err) {
      const key = err instanceof ApiError ? ERRORS[err.code] : undefined;
      setError(key ? st(key, { message: err instanceof ApiError ? err.message : '' }) : t(describeError(err)));
    } finally {
      setRunning(false);
    }
  };

  const groupName = (r: Row) => (r === 'overall' ? st('simulator.class.overall') : t(`ticketClass.${r}` as MessageKey));
  const nameOf = (side: 'a' | 'b') => (result ? st('simulator.policyNamed', { side: st(side === 'a' ? 'simulator.policyA' : 'simulator.policyB'), name: result[side].policy.name }) : '');

  if (policies.length === 0) {
    return (
      <section className="admin-card" data-testid="simulator">
        <h2>{st('simulator.title')}</h2>
        <p className="admin-muted">{st('simulator.noPolicies')}</p>
      </section>
    );
  }

  return (
    <section className="admin-card" data-testid="simulator">
      <h2>{st('simulator.title')}</h2>
      <p className="admin-muted">{st('simulator.intro')}</p>
      <form
        className="admin-device-controls"
        onSubmit={(e) => {
          e.preventDefault();
          void run();
        }}
      >
        <PolicySelect label={st('simulator.policyA')} policies={policies} value={policyA} onChange={setPolicyA} testId="simulator-policy-a" />
        <PolicySelect label={st('simulator.policyB')} policies={policies} value={policyB} onChange={setPolicyB} testId="simulator-policy-b" />
        <label title={st('simulator.seedHint')}>
          {st('simulator.seed')}
          <input type="text" inputMode="numeric" value={seed} onChange={(e) => setSeed(e.target.value)} data-testid="simulator-seed" />
        </label>
        <label>
          {st('simulator.scale')}
          <select value={scale} onChange={(e) => setScale(Number(e.target.value))} data-testid="simulator-scale">
            {SCALES.map((s) => (
              <option key={s.value} value={s.value}>
                {st(s.label)}
              </option>
            ))}
          </select>
        </label>
        <fieldset data-testid="simulator-behaviour">
          <legend>{st('simulator.behaviour')}</legend>
          {BEHAVIOUR.map((b) => (
            <label key={b.field}>
              {st(b.label)}
              <input type="text" inputMode="decimal" size={4} value={behaviour[b.field]} onChange={(e) => setBehaviour({ ...behaviour, [b.field]: e.target.value })} data-testid={`simulator-${b.field}`} />
            </label>
          ))}
        </fieldset>
        <button type="submit" className="admin-button" disabled={!canRun} data-testid="simulator-run">
          {running ? st('simulator.running') : st('simulator.run')}
        </button>
      </form>
      {same ? <p className="admin-muted">{st('simulator.samePolicy')}</p> : null}
      {!seedOk ? <p className="admin-muted">{st('simulator.badSeed')}</p> : null}
      {error ? (
        <p className="error-message" role="alert" data-testid="simulator-error">
          {error}
        </p>
      ) : null}
      {result ? <ResultTable result={result} st={st} groupName={groupName} nameOf={nameOf} /> : null}
    </section>
  );
}

function ResultTable({
  result,
  st,
  groupName,
  nameOf,
}: {
  result: SimulationView;
  st: (key: SimulatorMessageKey, params?: MessageParams) => string;
  groupName: (r: Row) => string;
  nameOf: (side: 'a' | 'b') => string;
}) {
  const wins = ROWS.filter((r) => r !== 'overall' && (result.better[r] === 'a' || result.better[r] === 'b'));
  return (
    <div data-testid="simulator-result">
      <p>{st('simulator.summary', { day: result.day.serviceDay, visitors: result.day.visitors, seed: result.day.seed ?? '—' })}</p>
      <p>
        {nameOf('a')} · {nameOf('b')}
      </p>
      <p data-testid="simulator-verdict" data-winner={result.verdict.winner}>
        <strong>{st(`simulator.verdict.${result.verdict.winner}`)}</strong> {result.verdict.decidedBy ? st(`simulator.verdict.why.${result.verdict.decidedBy}`) : ''}{' '}
        {result.verdict.worstClass.a && result.verdict.worstClass.b ? st('simulator.verdict.worst', { a: groupName(result.verdict.worstClass.a), b: groupName(result.verdict.worstClass.b) }) : ''}
      </p>
      <table className="admin-table" data-testid="simulator-table">
        <thead>
          <tr>
            <th>{st('simulator.col.class')}</th>
            <th>{st('simulator.col.count')}</th>
            <th>{st('simulator.col.meanA')}</th>
            <th>{st('simulator.col.meanB')}</th>
            <th>{st('simulator.col.p90A')}</th>
            <th>{st('simulator.col.p90B')}</th>
            <th>{st('simulator.col.worstA')}</th>
            <th>{st('simulator.col.worstB')}</th>
            <th>{st('simulator.col.diff')}</th>
            <th>{st('simulator.col.overA')}</th>
            <th>{st('simulator.col.overB')}</th>
            <th>{st('simulator.col.better')}</th>
          </tr>
        </thead>
        <tbody>
          {ROWS.map((r) => (
            <tr key={r} data-testid="simulator-row" data-class={r} data-better={result.better[r]}>
              <td>{groupName(r)}</td>
              <td className="num">{result.a.rows[r].count}</td>
              <td className="num">{minutes(result.a.rows[r].meanMinutes)}</td>
              <td className="num">{minutes(result.b.rows[r].meanMinutes)}</td>
              <td className="num">{minutes(result.a.rows[r].p90Minutes)}</td>
              <td className="num">{minutes(result.b.rows[r].p90Minutes)}</td>
              <td className="num">{minutes(result.a.rows[r].worstMinutes)}</td>
              <td className="num">{minutes(result.b.rows[r].worstMinutes)}</td>
              <td className="num">{signed(result.diff[r].worstMinutes)}</td>
              <td className="num">{pct(result.a.rows[r].overTargetShare)}</td>
              <td className="num">{pct(result.b.rows[r].overTargetShare)}</td>
              <td>{st(`simulator.better.${result.better[r]}`)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="admin-muted">{st('simulator.rule')}</p>
      <h3>{st('simulator.whoTitle')}</h3>
      {wins.length === 0 ? (
        <p>{st('simulator.whoNone')}</p>
      ) : (
        <ul data-testid="simulator-who">
          {wins.map((r) => (
            <li key={r}>{st('simulator.who', { group: groupName(r), policy: nameOf(result.better[r] as 'a' | 'b') })}</li>
          ))}
        </ul>
      )}
      <p className="admin-muted" data-testid="simulator-behaviour-used">
        {st('simulator.behaviour.used', { noShow: pct(result.behaviour.noShowRate), recall: pct(result.behaviour.recallRate), transfer: pct(result.behaviour.transferRate), suspend: pct(result.behaviour.suspendRate), away: result.behaviour.suspendAwayMinutes, walk: result.behaviour.walkSeconds })}
      </p>
      {(['a', 'b'] as const).map((side) =>
        result[side].rows.overall.noShows > 0 ? (
          <p key={`n-${side}`} className="admin-muted">
            {st('simulator.noShows', { policy: nameOf(side), count: result[side].rows.overall.noShows })}
          </p>
        ) : null,
      )}
      {(['a', 'b'] as const).map((side) =>
        result[side].rows.overall.unserved > 0 ? (
          <p key={`u-${side}`} className="admin-muted">
            {st('simulator.unserved', { policy: nameOf(side), count: result[side].rows.overall.unserved })}
          </p>
        ) : null,
      )}
      {(['a', 'b'] as const).map((side) =>
        result[side].refused > 0 ? (
          <p key={`r-${side}`} className="admin-muted">
            {st('simulator.refused', { policy: nameOf(side), count: result[side].refused })}
          </p>
        ) : null,
      )}
    </div>
  );
}

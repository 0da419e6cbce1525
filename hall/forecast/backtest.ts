// Backtest: forecast each of the last recorded open days from the history
// before it (as "tomorrow", without that day's arrivals) and compare with what
// came. Errors:
//   - MAE: mean absolute error of tickets per queue per half hour (opening hours);
//   - MAPE: mean absolute percentage error of the hall's tickets per half hour,
//     over half hours with at least 5 tickets (smaller ones make percentages noise);
//   - day MAPE: of the hall's tickets per day.
// Contract: pure over the history it is given.
import { CLASSES, SLOTS, type DayArrivals } from './history.js';
import { fitModel, predictDay, type DayFeatures } from './model.js';

export interface BacktestDay {
  serviceDay: string;
  actual: number;
  forecast: number;
}

export interface Backtest {
  days: BacktestDay[];
  maePerQueueSlot: number | null;
  mapeHallSlot: number | null;
  mapeDay: number | null;
}

const sumClasses = (cls: number[][] | undefined, s: number) => (cls ? CLASSES.reduce((n, _, c) => n + (cls[c]![s] ?? 0), 0) : 0);

export function backtest(history: Map<string, DayArrivals>, features: (date: string) => DayFeatures, lastN = 20): Backtest {
  const candidates = [...history.values()].filter((d) => d.total > 0 && features(d.serviceDay).open).sort((a, b) => (a.serviceDay < b.serviceDay ? -1 : 1));
  // Keep at least four weeks of history before the first day tested.
  const tested = candidates.slice(Math.max(20, candidates.length - lastN));
  let absQ = 0;
  let nQ = 0;
  let ape = 0;
  let nSlot = 0;
  let apeDay = 0;
  const days: BacktestDay[] = [];
  for (const actual of tested) {
    const f = features(actual.serviceDay);
    const model = fitModel(history, features, actual.serviceDay);
    const p = predictDay(model, f);
    const queues = new Set([...p.queues.keys(), ...actual.queues.keys()]);
    for (let s = f.slotFrom; s < f.slotTo && s < SLOTS; s++) {
      let hallP = 0;
      let hallA = 0;
      for (const q of queues) {
        const fp = sumClasses(p.queues.get(q), s);
        const fa = sumClasses(actual.queues.get(q), s);
        absQ += Math.abs(fp - fa);
        nQ++;
        hallP += fp;
        hallA += fa;
      }
      if (hallA >= 5) {
        ape += Math.abs(hallP - hallA) / hallA;
        nSlot++;
      }
    }
    apeDay += Math.abs(p.total - actual.total) / actual.total;
    days.push({ serviceDay: actual.serviceDay, actual: actual.total, forecast: Math.round(p.total * 10) / 10 });
  }
  const r3 = (x: number) => Math.round(x * 1000) / 1000;
  return { days, maePerQueueSlot: nQ ? r3(absQ / nQ) : null, mapeHallSlot: nSlot ? r3(ape / nSlot) : null, mapeDay: days.length ? r3(apeDay / days.length) : null };
}

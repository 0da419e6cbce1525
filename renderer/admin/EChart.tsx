// One ECharts chart, loaded lazily: the charting code (echarts/core with bar and line charts and
// the SVG renderer) is a chunk of its own, fetched the first time a chart is shown, so the admin
// page's first load does not carry it. SVG, so the chart's text is real text (print, zoom, tests).
// Contract: `option` is a plain ECharts option; the chart is redrawn when it changes and disposed
// with the component.
import { useEffect, useRef, useState } from 'react';
import type * as EChartsCore from 'echarts/core';
import { useT } from '../shared/i18n';

type EChartsModule = typeof EChartsCore;
export type ChartOption = Parameters<ReturnType<EChartsModule['init']>['setOption']>[0];

let loading: Promise<EChartsModule> | null = null;

function loadECharts(): Promise<EChartsModule> {
  loading ??= Promise.all([import('echarts/core'), import('echarts/charts'), import('echarts/components'), import('echarts/renderers')]).then(([core, charts, components, renderers]) => {
    core.use([charts.BarChart, charts.LineChart, components.GridComponent, components.TooltipComponent, components.LegendComponent, components.MarkLineComponent, components.AriaComponent, renderers.SVGRenderer]);
    return core;
  });
  return loading;
}

export function EChart({ option, title, testId, height = 280 }: { option: ChartOption; title: string; testId: string; height?: number }) {
  const t = useT();
  const box = useRef<HTMLDivElement>(null);
  const [state, setState] = useState<'loading' | 'ready' | 'failed'>('loading');
  useEffect(() => {
    let chart: ReturnType<EChartsModule['init']> | null = null;
    let gone = false;
    const onResize = () => chart?.resize();
    loadECharts()
      .then((echarts) => {
        if (gone || !box.current) return;
        chart = echarts.init(box.current, undefined, { renderer: 'svg' });
        chart.setOption({ aria: { enabled: true }, textStyle: { fontFamily: 'inherit' }, animation: false, ...option });
        setState('ready');
        window.addEventListener('resize', onResize);
      })
      .catch(() => setState('failed'));
    return () => {
      gone = true;
      window.removeEventListener('resize', onResize);
      chart?.dispose();
    };
  }, [option]);
  return (
    <figure className="admin-echart" data-testid={testId} data-state={state}>
      <figcaption>{title}</figcaption>
      {state === 'failed' ? <p className="admin-muted">{t('chart.failed')}</p> : null}
      {state === 'loading' ? <p className="admin-muted">{t('chart.loading')}</p> : null}
      <div ref={box} style={{ width: '100%', height }} role="img" aria-label={title} />
    </figure>
  );
}

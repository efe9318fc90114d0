import { useEffect, useRef } from 'react';
// uPlot: the chart library of the dashboard. Small (~50 kB, ~20 kB gzipped), maintained, no
// dependencies of its own, and fast on canvas even with a year of days; it sets styles through the
// DOM (element.style), never an inline <style> or a style attribute in HTML, so the collector's CSP
// (style-src 'self') holds. Its stylesheet is bundled into the page's own.
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { formatDay, type DashboardLocale } from './format.ts';

export interface TrendSeries {
  readonly days: readonly string[];
  /** Share 0..1 per day of the current period; null: no ratings that day. */
  readonly current: readonly (number | null)[];
  /** The same day number of the previous period (same length), or null. */
  readonly previous: readonly (number | null)[];
}

/** A CSS custom property of the page (renderer/common/tokens.css): the colours stay in one place. */
const token = (name: string): string => getComputedStyle(document.documentElement).getPropertyValue(name).trim();

const percent = (share: number | null): number | null => (share === null ? null : Math.round(share * 1000) / 10);

/**
 * The daily satisfaction trend: the current period as a solid line, the previous one dashed, in
 * percent. The chart is a picture for the eye (aria-hidden inside a figure with its summary); the
 * same figures are in the table that goes with it.
 */
export function TrendChart({ series, locale, labels }: { readonly series: TrendSeries; readonly locale: DashboardLocale; readonly labels: { readonly current: string; readonly previous: string } }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const x = series.days.map((_, index) => index);
    const data: uPlot.AlignedData = [x, series.current.map(percent), series.previous.map(percent)];
    const width = (): number => Math.max(280, element.clientWidth);
    const options: uPlot.Options = {
      width: width(),
      height: 260,
      legend: { show: false },
      cursor: { show: false },
      scales: { x: { time: false }, y: { range: [0, 100] } },
      axes: [
        {
          stroke: token('--ink-muted'),
          grid: { stroke: token('--line-faint') },
          // Whole days only: a line at "day 2.5" would have no label.
          incrs: [1, 2, 7, 14, 28, 56, 91],
          values: (_chart, splits) => splits.map((split) => (Number.isInteger(split) && series.days[split] ? formatDay(series.days[split], locale) : '')),
        },
        { stroke: token('--ink-muted'), grid: { stroke: token('--line-faint') }, values: (_chart, splits) => splits.map((split) => `${split}%`) },
      ],
      series: [
        {},
        { label: labels.current, stroke: token('--accent'), width: 3, points: { show: series.days.length < 40 } },
        { label: labels.previous, stroke: token('--ink-muted'), width: 2, dash: [6, 6], points: { show: false } },
      ],
    };
    const chart = new uPlot(options, data, element);
    const resize = new ResizeObserver(() => chart.setSize({ width: width(), height: 260 }));
    resize.observe(element);
    return () => {
      resize.disconnect();
      chart.destroy();
    };
  }, [series, locale, labels.current, labels.previous]);
  return <div className="trend-chart__canvas" ref={box} aria-hidden="true" />;
}

import { escapeHtml } from './escapeHtml.js';

export interface ChartBar {
  label: string;
  /** Drawn from 0 to `max`; undefined draws no bar but keeps the label (e.g. a year not scored). */
  value?: number;
  /** A CSS class for the bar's colour, e.g. "band-green". */
  tone?: string;
}

export interface BarChartModel {
  /** Read by screen readers and shown when the picture is hovered. */
  title: string;
  bars: ChartBar[];
  /** The value a full-length bar stands for; 100 for percentages. */
  max?: number;
  /** Appended to each value label, e.g. "%". */
  unit?: string;
  /** Vertical bars suit a few years side by side; horizontal bars suit a long list of names. */
  orientation?: 'vertical' | 'horizontal';
}

const COLOURS: Record<string, string> = {
  'band-green': '#2e7d32',
  'band-amber': '#b26a00',
  'band-red': '#c62828',
};
const DEFAULT_COLOUR = '#1f5f8b';

/**
 * A bar chart as a self-contained SVG picture: no script, no external fonts or
 * files, so it prints and survives being saved. Each bar is a
 * `<rect class="bar" data-label data-value>` so a reader (or a test) can tell
 * which bar is which. Pure.
 */
export function svgBarChart(model: BarChartModel): string {
  return model.orientation === 'horizontal' ? horizontal(model) : vertical(model);
}

function vertical(model: BarChartModel): string {
  const max = model.max ?? 100;
  const unit = model.unit ?? '';
  const slot = 64;
  const plotHeight = 140;
  const top = 18;
  const left = 34;
  const width = left + Math.max(1, model.bars.length) * slot + 8;
  const height = top + plotHeight + 36;
  const parts: string[] = [];
  parts.push(gridlines(max, unit, (v) => top + plotHeight - scale(v, max, plotHeight), left, width - 4));
  model.bars.forEach((bar, i) => {
    const x = left + i * slot + 12;
    const barWidth = slot - 24;
    if (bar.value !== undefined) {
      const h = scale(bar.value, max, plotHeight);
      const y = top + plotHeight - h;
      parts.push(rect(bar, x, y, barWidth, h, unit));
      parts.push(`<text x="${x + barWidth / 2}" y="${y - 4}" text-anchor="middle" class="value">${escapeHtml(valueText(bar.value, unit))}</text>`);
    }
    parts.push(`<text x="${x + barWidth / 2}" y="${top + plotHeight + 16}" text-anchor="middle" class="label">${escapeHtml(bar.label)}</text>`);
  });
  return frame(model.title, width, height, parts);
}

function horizontal(model: BarChartModel): string {
  const max = model.max ?? 100;
  const unit = model.unit ?? '';
  const row = 22;
  const labelWidth = 240;
  const plotWidth = 360;
  const top = 20;
  const width = labelWidth + plotWidth + 60;
  const height = top + Math.max(1, model.bars.length) * row + 10;
  const parts: string[] = [];
  parts.push(verticalGridlines(max, unit, (v) => labelWidth + scale(v, max, plotWidth), top - 6, height - 6));
  model.bars.forEach((bar, i) => {
    const y = top + i * row;
    parts.push(`<text x="${labelWidth - 6}" y="${y + 14}" text-anchor="end" class="label">${escapeHtml(shorten(bar.label, 38))}</text>`);
    if (bar.value !== undefined) {
      const w = scale(bar.value, max, plotWidth);
      parts.push(rect(bar, labelWidth, y + 3, w, row - 6, unit));
      parts.push(`<text x="${labelWidth + w + 4}" y="${y + 14}" class="value">${escapeHtml(valueText(bar.value, unit))}</text>`);
    } else {
      parts.push(`<text x="${labelWidth + 4}" y="${y + 14}" class="value">not scored</text>`);
    }
  });
  return frame(model.title, width, height, parts);
}

function frame(title: string, width: number, height: number, parts: string[]): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" aria-label="${escapeHtml(title)}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}">` +
    `<title>${escapeHtml(title)}</title>` +
    `<style>.label,.value,.axis{font:11px Arial,Helvetica,sans-serif;fill:#222}.axis{fill:#666}.grid{stroke:#ddd;stroke-width:1}</style>` +
    parts.join('') +
    '</svg>'
  );
}

function rect(bar: ChartBar, x: number, y: number, w: number, h: number, unit: string): string {
  const colour = (bar.tone && COLOURS[bar.tone]) ?? DEFAULT_COLOUR;
  return `<rect class="bar" data-label="${escapeHtml(bar.label)}" data-value="${bar.value}" x="${round(x)}" y="${round(y)}" width="${round(w)}" height="${round(h)}" fill="${colour}"><title>${escapeHtml(`${bar.label}: ${valueText(bar.value!, unit)}`)}</title></rect>`;
}

function gridlines(max: number, unit: string, yOf: (v: number) => number, x1: number, x2: number): string {
  return [0, 0.5, 1]
    .map((f) => {
      const v = max * f;
      const y = round(yOf(v));
      return `<line class="grid" x1="${x1}" x2="${x2}" y1="${y}" y2="${y}"/><text class="axis" x="${x1 - 4}" y="${y + 4}" text-anchor="end">${escapeHtml(valueText(v, unit))}</text>`;
    })
    .join('');
}

function verticalGridlines(max: number, unit: string, xOf: (v: number) => number, y1: number, y2: number): string {
  return [0, 0.5, 1]
    .map((f) => {
      const v = max * f;
      const x = round(xOf(v));
      return `<line class="grid" x1="${x}" x2="${x}" y1="${y1 + 8}" y2="${y2}"/><text class="axis" x="${x}" y="${y1 + 4}" text-anchor="middle">${escapeHtml(valueText(v, unit))}</text>`;
    })
    .join('');
}

/** Values outside 0..max are drawn at the edge rather than off the picture. */
function scale(value: number, max: number, length: number): number {
  if (!(max > 0)) return 0;
  return (Math.min(Math.max(value, 0), max) / max) * length;
}

function valueText(value: number, unit: string): string {
  return `${Math.round(value * 10) / 10}${unit}`;
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}

function shorten(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

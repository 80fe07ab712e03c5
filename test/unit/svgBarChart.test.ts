import { describe, expect, it } from 'vitest';
import { svgBarChart } from '../../src/reports/svgBarChart.js';

function bars(svg: string): Array<{ label: string; value: string; height: number; width: number }> {
  return [...svg.matchAll(/<rect class="bar" data-label="([^"]*)" data-value="([^"]*)" x="[^"]*" y="[^"]*" width="([^"]*)" height="([^"]*)"/g)].map((m) => ({
    label: m[1]!,
    value: m[2]!,
    width: Number(m[3]),
    height: Number(m[4]),
  }));
}

describe('SVG bar chart', () => {
  it('draws one bar per value, heights in proportion, with labels and a title for screen readers', () => {
    const svg = svgBarChart({ title: 'CSP: score by year', unit: '%', bars: [{ label: '2024/25', value: 40 }, { label: '2025/26', value: 80, tone: 'band-green' }] });
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg).toContain('role="img"');
    expect(svg).toContain('<title>CSP: score by year</title>');
    const drawn = bars(svg);
    expect(drawn.map((b) => [b.label, b.value])).toEqual([['2024/25', '40'], ['2025/26', '80']]);
    expect(drawn[1]!.height).toBeCloseTo(drawn[0]!.height * 2, 0);
    expect(svg).toContain('>80%</text>');
    expect(svg).toContain('fill="#2e7d32"');
  });

  it('lays out horizontal bars for a list of names, widths in proportion', () => {
    const svg = svgBarChart({ title: 'Scores', orientation: 'horizontal', bars: [{ label: 'A', value: 25 }, { label: 'B', value: 100 }, { label: 'C', value: 50 }] });
    const drawn = bars(svg);
    expect(drawn.map((b) => b.label)).toEqual(['A', 'B', 'C']);
    expect(drawn[1]!.width).toBeCloseTo(drawn[0]!.width * 4, 0);
  });

  it('keeps a label without a value but draws no bar for it, and clamps values to the scale', () => {
    const svg = svgBarChart({ title: 'Scores', bars: [{ label: '2024/25' }, { label: '2025/26', value: 150 }, { label: '2026/27', value: -5 }] });
    const drawn = bars(svg);
    expect(drawn.map((b) => b.label)).toEqual(['2025/26', '2026/27']);
    expect(drawn[0]!.height).toBe(140);
    expect(drawn[1]!.height).toBe(0);
    expect(svg).toContain('>2024/25</text>');
  });

  it('escapes every piece of text, so a name cannot inject markup', () => {
    const svg = svgBarChart({ title: '<script>alert(1)</script>', orientation: 'horizontal', bars: [{ label: '"><script>alert(2)</script>', value: 10 }] });
    expect(svg).not.toContain('<script');
    expect(svg).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(svg).toContain('data-label="&quot;&gt;&lt;script&gt;alert(2)&lt;/script&gt;"');
  });
});

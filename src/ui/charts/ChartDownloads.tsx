/**
 * @file PNG and SVG download buttons for a chart's SVG. Named plainly and found through their figure: a name
 * holding the chart's ("Training loss…") would also match a search for the "Train" button.
 */
import { chartFileName, downloadPng, downloadSvg } from './chartExport';

export function ChartDownloads({ name, svg }: { name: string; svg: () => SVGSVGElement | null }) {
  const file = chartFileName(name);
  return (
    <div className="chart-actions">
      <button type="button" className="small" aria-label="Download PNG" onClick={() => svg() && void downloadPng(svg()!, `${file}.png`)}>
        PNG
      </button>
      <button type="button" className="small" aria-label="Download SVG" onClick={() => svg() && downloadSvg(svg()!, `${file}.svg`)}>
        SVG
      </button>
    </div>
  );
}

/** @file Saves a rendered chart as a standalone SVG or a PNG drawn from that SVG. */
import { downloadBlob } from '../components/download';

/** The colour painted behind an element: its own background or its nearest ancestor's that is not transparent. */
function backgroundBehind(el: Element): string {
  for (let at: Element | null = el; at; at = at.parentElement) {
    const colour = getComputedStyle(at).backgroundColor;
    if (colour && colour !== 'transparent' && !/rgba\(.*,\s*0\)$/.test(colour)) return colour;
  }
  return '#ffffff';
}

/** A self-contained copy of the chart's SVG: namespaced, sized, on the background it was drawn on (dark in dark mode). */
export function standaloneSvg(svg: SVGSVGElement): string {
  const copy = svg.cloneNode(true) as SVGSVGElement;
  const { width, height } = svg.getBoundingClientRect();
  copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  copy.setAttribute('width', String(Math.round(width)));
  copy.setAttribute('height', String(Math.round(height)));
  copy.setAttribute('font-family', 'DejaVu Sans, Arial, sans-serif');
  // Styles from the page's CSS do not travel with the file: write the text's onto it.
  const texts = svg.querySelectorAll('text');
  copy.querySelectorAll('text').forEach((t, i) => {
    const style = getComputedStyle(texts[i]);
    t.setAttribute('font-size', style.fontSize);
    t.setAttribute('font-weight', style.fontWeight);
    if (!t.getAttribute('fill')) t.setAttribute('fill', style.fill);
  });
  const background = document.createElementNS('http://www.w3.org/2000/svg', 'rect');
  background.setAttribute('width', '100%');
  background.setAttribute('height', '100%');
  background.setAttribute('fill', backgroundBehind(svg));
  copy.insertBefore(background, copy.firstChild);
  return new XMLSerializer().serializeToString(copy);
}

export function downloadSvg(svg: SVGSVGElement, fileName: string): void {
  downloadBlob(new Blob([standaloneSvg(svg)], { type: 'image/svg+xml' }), fileName);
}

export async function downloadPng(svg: SVGSVGElement, fileName: string, scale = 2): Promise<void> {
  const text = standaloneSvg(svg);
  const { width, height } = svg.getBoundingClientRect();
  const url = URL.createObjectURL(new Blob([text], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    await new Promise<void>((resolve, reject) => {
      image.onload = () => resolve();
      image.onerror = () => reject(new Error('the chart could not be drawn as an image'));
      image.src = url;
    });
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(width * scale);
    canvas.height = Math.round(height * scale);
    const ctx = canvas.getContext('2d')!;
    ctx.scale(scale, scale);
    ctx.drawImage(image, 0, 0, width, height);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
    if (!blob) throw new Error('the browser could not encode the PNG');
    downloadBlob(blob, fileName);
  } finally {
    URL.revokeObjectURL(url);
  }
}

export const chartFileName = (name: string) => name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

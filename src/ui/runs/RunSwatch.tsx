/** @file A run's colour as a small square beside its name: the colour of its lines in every chart. */
export function RunSwatch({ colour }: { colour: string }) {
  return <span className="swatch" style={{ backgroundColor: colour }} aria-hidden="true" />;
}

// Mount an Observable Plot chart (SVG built with DOM calls, never HTML strings), sized to its container and
// rebuilt when the data or the width changes.
import { useEffect, useRef, useState } from "preact/hooks";

/** A figure whose chart is built by `build(width)` (e.g. `(w) => Plot.plot({ width: w, … })`), with a caption. */
export function PlotFigure(props: {
  build: (width: number) => Element;
  caption: string;
  deps: readonly unknown[];
}) {
  const ref = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);
  useEffect(() => {
    const node = ref.current;
    if (!node) return;
    setWidth(node.clientWidth);
    const ro = new ResizeObserver(() => setWidth(node.clientWidth));
    ro.observe(node);
    return () => ro.disconnect();
  }, []);
  useEffect(() => {
    if (width === 0) return;
    const el = props.build(Math.max(280, width));
    el.setAttribute("role", "img");
    el.setAttribute("aria-label", props.caption);
    ref.current?.replaceChildren(el);
    return () => el.remove();
  }, [width, ...props.deps]);
  return (
    <figure class="chart">
      <div ref={ref} class="chart-body" />
      <figcaption>{props.caption}</figcaption>
    </figure>
  );
}

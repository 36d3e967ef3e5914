// A world choropleth drawn with d3-geo from the world-atlas TopoJSON bundled with the app (no tile server:
// it works offline). Paths are Preact elements; country names come from the atlas, never parsed as HTML.
import { geoEqualEarth, geoPath } from "d3-geo";
import type { Feature, Geometry } from "geojson";
import { feature } from "topojson-client";
import type { GeometryCollection, Topology } from "topojson-specification";
import world from "world-atlas/countries-110m.json";

interface CountryProps {
  name: string;
}

const topo = world as unknown as Topology<{ countries: GeometryCollection<CountryProps> }>;
const countries = feature(topo, topo.objects.countries).features as Feature<Geometry, CountryProps>[];

/** Lower-case letters only, so "Côte d'Ivoire" and "Cote d'Ivoire" match. */
export function normName(s: string): string {
  return s
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z]/g, "");
}

/** Colour of a risk in [0, 1] on a light-to-dark red ramp (dark enough at the top for contrast with white). */
export function riskColour(p: number): string {
  const stops = ["#fef2f2", "#fecaca", "#f87171", "#dc2626", "#7f1d1d"];
  const i = Math.min(stops.length - 1, Math.floor(Math.sqrt(Math.max(0, Math.min(1, p))) * stops.length));
  return stops[i] ?? "#fef2f2";
}

/** The map: `risk` by normalised country name. */
export function WorldMap(props: { risk: ReadonlyMap<string, number>; label: string }) {
  const width = 960;
  const height = 470;
  const projection = geoEqualEarth().fitSize([width, height], { type: "Sphere" });
  const path = geoPath(projection);
  return (
    <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={props.label} class="world-map">
      <path d={path({ type: "Sphere" }) ?? ""} fill="#eef2f7" stroke="#cbd5e1" />
      {countries.map((f, i) => {
        const p = props.risk.get(normName(f.properties.name));
        return (
          <path
            key={i}
            d={path(f) ?? ""}
            fill={p === undefined ? "#e5e7eb" : riskColour(p)}
            stroke="#ffffff"
            stroke-width={0.5}
          >
            <title>
              {p === undefined ? f.properties.name : `${f.properties.name}: ${(p * 100).toFixed(1)}%`}
            </title>
          </path>
        );
      })}
    </svg>
  );
}

/**
 * Citations: every fact in Tocsin points at the source it comes from and where in it.
 * @module
 */

/** A pointer into a source: its id and a locator such as "§Warning signs ¶2; note 1". */
export interface Citation {
  readonly source: string;
  readonly locator: string;
}

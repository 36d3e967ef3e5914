/**
 * The tables of the tamper-evident log: its leaves and its signed checkpoints.
 * @module
 */
import type { Selectable } from "kysely";

export interface LogLeafTable {
  leaf_index: number;
  leaf_data: string;
  leaf_hash: string;
  action: string;
  table_name: string;
  record_key: string;
  logged_at: string;
}
export type LogLeafRow = Selectable<LogLeafTable>;

export interface LogCheckpointTable {
  tree_size: number;
  root_hash: string;
  checkpoint: string;
  compact_range: string;
  created_at: string;
}
export type LogCheckpointRow = Selectable<LogCheckpointTable>;

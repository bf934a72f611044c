export { buildProgram, runCli } from './netpulse.cli';
export { readInventory } from './inventory/inventory.reader';
export type { InventoryRow } from './inventory/inventory.reader';

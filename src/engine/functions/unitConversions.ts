/**
 * convert_angle, convert_energy, convert_force, convert_length, convert_mass, convert_speed,
 * convert_temperature, convert_volume: UnitsNet's conversions (unitTables.ts), applied the way
 * UnitsNet's UnitConverter.ConvertByName applies them: unit names match case-insensitively, the same
 * unit returns the value untouched, and any other pair goes through the quantity's base unit.
 */
import { num, str } from './define';
import type { ScalarFunction } from './types';
import {
  ANGLE,
  ENERGY,
  FORCE,
  LENGTH,
  MASS,
  SPEED,
  TEMPERATURE,
  VOLUME,
  type Quantity,
  type UnitConversion,
} from './unitTables';

function converter(name: string, quantity: Quantity): ScalarFunction {
  const byName = new Map<string, UnitConversion>();
  for (const [unit, conversion] of Object.entries(quantity.units)) {
    byName.set(unit.toLowerCase(), conversion);
  }
  return {
    name,
    bind: (argTypes) => (args) => {
      const value = num(args[0] ?? null);
      const fromName = args[1];
      const toName = args[2];
      if (value === null || fromName === null || fromName === undefined || toName === null || toName === undefined) {
        return null;
      }
      // Invalid units give null, as the reference says.
      const from = byName.get(str(fromName, argTypes[1]).toLowerCase());
      const to = byName.get(str(toName, argTypes[2]).toLowerCase());
      if (from === undefined || to === undefined) {
        return null;
      }
      return from === to ? value : to.fromBase(from.toBase(value));
    },
  };
}

export const unitConversionFunctions: ScalarFunction[] = [
  converter('convert_angle', ANGLE),
  converter('convert_energy', ENERGY),
  converter('convert_force', FORCE),
  converter('convert_length', LENGTH),
  converter('convert_mass', MASS),
  converter('convert_speed', SPEED),
  converter('convert_temperature', TEMPERATURE),
  converter('convert_volume', VOLUME),
];

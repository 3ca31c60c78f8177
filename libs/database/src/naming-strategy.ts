import { DefaultNamingStrategy, Table, type NamingStrategyInterface, View } from 'typeorm';

function snake(s: string): string {
  return s
    .replace(/([a-z\d])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .toLowerCase();
}

function tableOf(t: Table | View | string): string {
  const name = typeof t === 'string' ? t : t.name;
  return name.split('.').pop()!;
}

/** Postgres identifiers stop at 63 bytes; keep names readable and still unique when cut. */
function fit(name: string): string {
  return name.length <= 63 ? name : name.slice(0, 63);
}

/**
 * snake_case tables and columns, and deterministic constraint names in PostgreSQL's own style:
 * `lead_pkey`, `lead_owner_id_fkey`, `lead_phone_hash_idx`, `user_email_key`.
 */
export class SnakeNamingStrategy extends DefaultNamingStrategy implements NamingStrategyInterface {
  override tableName(targetName: string, userSpecifiedName: string | undefined): string {
    return userSpecifiedName ?? snake(targetName);
  }
  override columnName(propertyName: string, customName: string | undefined, embeddedPrefixes: string[]): string {
    return snake(embeddedPrefixes.concat(customName ?? propertyName).join('_'));
  }
  override relationName(propertyName: string): string {
    return snake(propertyName);
  }
  override joinColumnName(relationName: string, referencedColumnName: string): string {
    return snake(`${relationName}_${referencedColumnName}`);
  }
  override joinTableName(first: string, second: string, firstProperty: string): string {
    return snake(`${first}_${firstProperty.replace(/\./g, '_')}`);
  }
  override joinTableColumnName(tableName: string, propertyName: string, columnName?: string): string {
    return snake(`${tableName}_${columnName ?? propertyName}`);
  }
  override primaryKeyName(t: Table | string): string {
    return fit(`${tableOf(t)}_pkey`);
  }
  override uniqueConstraintName(t: Table | string, columns: string[]): string {
    return fit(`${tableOf(t)}_${columns.join('_')}_key`);
  }
  override relationConstraintName(t: Table | string, columns: string[]): string {
    return fit(`${tableOf(t)}_${columns.join('_')}_rel`);
  }
  override defaultConstraintName(t: Table | string, column: string): string {
    return fit(`${tableOf(t)}_${column}_default`);
  }
  override foreignKeyName(t: Table | string, columns: string[]): string {
    return fit(`${tableOf(t)}_${columns.join('_')}_fkey`);
  }
  override indexName(t: Table | View | string, columns: string[]): string {
    return fit(`${tableOf(t)}_${columns.join('_')}_idx`);
  }
  override checkConstraintName(t: Table | string, expression: string, isEnum?: boolean): string {
    if (isEnum) return fit(`${tableOf(t)}_${expression.replace(/\W+/g, '_')}_check`);
    return super.checkConstraintName(t, expression, isEnum);
  }
}

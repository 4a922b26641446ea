/**
 * The tables the simulated sources hold: a small, plausible business model
 * (customers, orders, HR, finance) with typed columns, primary keys and
 * foreign keys. Each simulated schema, bucket or offering shows a stable
 * subset of these, so a client sees the same kind of metadata it gets from a
 * real Oracle, MySQL or Object Storage source.
 */

/** Logical column kinds, mapped to each source's native types in types.ts. */
export type ColumnKind = 'id' | 'int' | 'str' | 'dec' | 'date' | 'ts' | 'text' | 'flag';

export interface Column {
  name: string;
  kind: ColumnKind;
  /** Character length (str) or precision (dec). */
  size?: number;
  scale?: number;
  nullable?: boolean;
  /** Name of the referenced table (its primary key column of the same name). */
  references?: string;
}

export interface Table {
  name: string;
  description: string;
  /** Columns of the primary key, in order. */
  primaryKey: string[];
  columns: Column[];
}

const c = (name: string, kind: ColumnKind, extra: Partial<Column> = {}): Column => ({ name, kind, nullable: true, ...extra });
const pk = (name: string): Column => ({ name, kind: 'id', nullable: false });

export const TABLES: Table[] = [
  { name: 'CUSTOMERS', description: 'Customer master data', primaryKey: ['CUSTOMER_ID'], columns: [pk('CUSTOMER_ID'), c('FIRST_NAME', 'str', { size: 50 }), c('LAST_NAME', 'str', { size: 50, nullable: false }), c('EMAIL', 'str', { size: 120 }), c('PHONE', 'str', { size: 30 }), c('COUNTRY_CODE', 'str', { size: 2 }), c('CREATED_AT', 'ts', { nullable: false })] },
  { name: 'PRODUCTS', description: 'Product catalog', primaryKey: ['PRODUCT_ID'], columns: [pk('PRODUCT_ID'), c('SKU', 'str', { size: 40, nullable: false }), c('PRODUCT_NAME', 'str', { size: 200 }), c('CATEGORY', 'str', { size: 60 }), c('LIST_PRICE', 'dec', { size: 10, scale: 2 }), c('DISCONTINUED', 'flag')] },
  { name: 'ORDERS', description: 'Sales order headers', primaryKey: ['ORDER_ID'], columns: [pk('ORDER_ID'), c('CUSTOMER_ID', 'int', { nullable: false, references: 'CUSTOMERS' }), c('ORDER_DATE', 'date', { nullable: false }), c('STATUS', 'str', { size: 20 }), c('TOTAL_AMOUNT', 'dec', { size: 12, scale: 2 }), c('CURRENCY', 'str', { size: 3 })] },
  { name: 'ORDER_ITEMS', description: 'Sales order lines', primaryKey: ['ORDER_ID', 'LINE_NO'], columns: [c('ORDER_ID', 'int', { nullable: false, references: 'ORDERS' }), c('LINE_NO', 'int', { nullable: false }), c('PRODUCT_ID', 'int', { nullable: false, references: 'PRODUCTS' }), c('QUANTITY', 'int'), c('UNIT_PRICE', 'dec', { size: 10, scale: 2 })] },
  { name: 'SHIPMENTS', description: 'Order shipments', primaryKey: ['SHIPMENT_ID'], columns: [pk('SHIPMENT_ID'), c('ORDER_ID', 'int', { nullable: false, references: 'ORDERS' }), c('CARRIER', 'str', { size: 40 }), c('TRACKING_NO', 'str', { size: 60 }), c('SHIPPED_AT', 'ts'), c('DELIVERED_AT', 'ts')] },
  { name: 'SUPPLIERS', description: 'Suppliers', primaryKey: ['SUPPLIER_ID'], columns: [pk('SUPPLIER_ID'), c('SUPPLIER_NAME', 'str', { size: 200, nullable: false }), c('COUNTRY_CODE', 'str', { size: 2 }), c('RATING', 'int')] },
  { name: 'DEPARTMENTS', description: 'Departments', primaryKey: ['DEPARTMENT_ID'], columns: [pk('DEPARTMENT_ID'), c('DEPARTMENT_NAME', 'str', { size: 30, nullable: false }), c('MANAGER_ID', 'int'), c('LOCATION_ID', 'int')] },
  { name: 'EMPLOYEES', description: 'Employees', primaryKey: ['EMPLOYEE_ID'], columns: [pk('EMPLOYEE_ID'), c('FIRST_NAME', 'str', { size: 20 }), c('LAST_NAME', 'str', { size: 25, nullable: false }), c('EMAIL', 'str', { size: 120, nullable: false }), c('HIRE_DATE', 'date', { nullable: false }), c('JOB_ID', 'str', { size: 10 }), c('SALARY', 'dec', { size: 8, scale: 2 }), c('DEPARTMENT_ID', 'int', { references: 'DEPARTMENTS' })] },
  { name: 'INVOICES', description: 'Customer invoices', primaryKey: ['INVOICE_ID'], columns: [pk('INVOICE_ID'), c('CUSTOMER_ID', 'int', { nullable: false, references: 'CUSTOMERS' }), c('INVOICE_DATE', 'date'), c('DUE_DATE', 'date'), c('AMOUNT', 'dec', { size: 12, scale: 2 }), c('STATUS', 'str', { size: 20 })] },
  { name: 'PAYMENTS', description: 'Payments received', primaryKey: ['PAYMENT_ID'], columns: [pk('PAYMENT_ID'), c('INVOICE_ID', 'int', { nullable: false, references: 'INVOICES' }), c('PAID_AT', 'ts'), c('AMOUNT', 'dec', { size: 12, scale: 2 }), c('METHOD', 'str', { size: 20 })] },
  { name: 'GL_JOURNALS', description: 'General ledger journal lines', primaryKey: ['JOURNAL_ID'], columns: [pk('JOURNAL_ID'), c('LEDGER_ID', 'int', { nullable: false }), c('PERIOD_NAME', 'str', { size: 15 }), c('ACCOUNT_CODE', 'str', { size: 30 }), c('DEBIT', 'dec', { size: 15, scale: 2 }), c('CREDIT', 'dec', { size: 15, scale: 2 }), c('POSTED_DATE', 'date')] },
  { name: 'AUDIT_LOG', description: 'Application audit trail', primaryKey: ['LOG_ID'], columns: [pk('LOG_ID'), c('EVENT_TIME', 'ts', { nullable: false }), c('USER_NAME', 'str', { size: 128 }), c('ACTION', 'str', { size: 30 }), c('DETAILS', 'text')] },
];

export const TABLE_BY_NAME = new Map(TABLES.map((t) => [t.name, t]));

import { STATUS_CODES } from 'node:http';

/**
 * The one shape of every REST error the gateway answers: the status, its name, what is wrong,
 * and the field at fault when one is (more detail from the app that refused it in `details`).
 */
export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  field?: string;
  [detail: string]: unknown;
}

export function errorBody(status: number, message: string, extra: Record<string, unknown> = {}): ErrorBody {
  return { statusCode: status, error: STATUS_CODES[status] ?? 'Error', message, ...extra };
}

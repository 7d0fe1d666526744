import { ArgumentsHost, Catch, ExceptionFilter } from '@nestjs/common';
import { GqlContextType } from '@nestjs/graphql';
import { Response } from 'express';
import { RpcError } from '@lib/contracts';
import { statusGraphQLError } from './graphql/status-graphql-error';

/** Errors from other apps keep their status and message on the way out (HTTP or GraphQL). */
@Catch(RpcError)
export class RpcErrorFilter implements ExceptionFilter {
  catch(error: RpcError, host: ArgumentsHost) {
    if (host.getType<GqlContextType>() === 'graphql') {
      return statusGraphQLError(error.message, error.status, { details: error.details });
    }
    const response = host.switchToHttp().getResponse<Response>();
    response.status(error.status).json({ statusCode: error.status, message: error.message, ...(error.details !== undefined ? { details: error.details } : {}) });
  }
}


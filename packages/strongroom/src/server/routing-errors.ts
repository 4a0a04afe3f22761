/** Errors AWS returns when a request names no operation it knows. */
import { AwsError } from '../errors/aws-error.ts';

/** awsJson: an X-Amz-Target the service does not have; restJson1: no URI template matches (404). AWS sends no message. */
export class UnknownOperationException extends AwsError {
  constructor(status = 400) {
    super('UnknownOperationException', '', status);
  }
}

/** awsQuery: an Action the service does not have. */
export class InvalidAction extends AwsError {
  constructor(message: string) {
    super('InvalidAction', message, 400);
  }
}

export class MissingAction extends AwsError {
  constructor() {
    super('MissingAction', 'Missing Action', 400);
  }
}

/** The body is larger than the server accepts; refused before it is buffered. */
export class RequestEntityTooLarge extends AwsError {
  constructor(limit: number) {
    super('RequestEntityTooLarge', `Request body is larger than the limit of ${limit} bytes`, 413);
  }
}

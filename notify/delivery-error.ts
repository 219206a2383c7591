/**
 * A notification that did not get through. `retryable`: the receiver is away or busy (network error, 5xx, 408,
 * 429), so the outbox tries again later; otherwise it refused the request itself (any other 4xx) and trying the
 * same request again cannot help.
 */
export class DeliveryFailed extends Error {
  override readonly name = 'DeliveryFailed';
  constructor(
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
  }
}

/** The failure a non-2xx response means, with the start of its body (receivers say why there). */
export async function responseFailure(receiver: string, res: Response): Promise<DeliveryFailed> {
  const body = (await res.text().catch(() => '')).slice(0, 200);
  const retryable = res.status >= 500 || res.status === 408 || res.status === 429;
  return new DeliveryFailed(`${receiver} answered ${res.status}${body ? `: ${body}` : ''}`, retryable);
}

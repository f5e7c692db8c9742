/** A problem with a form field, shown beside it and announced. */
export function FieldError({ message, id }: { message: string | undefined; id?: string }) {
  return message === undefined ? null : (
    <span className="field-error" id={id} role="alert">
      {message}
    </span>
  );
}

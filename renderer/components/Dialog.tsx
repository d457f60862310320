// A modal built on <dialog>: focus stays inside, Escape closes. Mount it to open it, unmount to close.
import { useEffect, useId, useRef, type FormEvent, type ReactNode } from 'react'

interface DialogProps {
  title: string
  onClose(): void
  children: ReactNode
  footer: ReactNode
  /** When given, body and footer form one <form> so Enter submits. */
  onSubmit?(): void
  testId?: string
  wide?: boolean
}

export function Dialog({ title, onClose, children, footer, onSubmit, testId, wide }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null)
  const titleId = useId()

  useEffect(() => {
    const dialog = ref.current
    if (dialog && !dialog.open) dialog.showModal()
    return () => dialog?.close()
  }, [])

  const submit = (event: FormEvent) => {
    event.preventDefault()
    onSubmit?.()
  }
  const content = (
    <>
      <div className="dialog__body">{children}</div>
      <footer className="dialog__footer">{footer}</footer>
    </>
  )

  return (
    <dialog
      ref={ref}
      className={wide ? 'dialog dialog--wide' : 'dialog'}
      aria-labelledby={titleId}
      data-testid={testId}
      onCancel={(event) => {
        event.preventDefault()
        onClose()
      }}
    >
      <header className="dialog__header">
        <h2 id={titleId}>{title}</h2>
      </header>
      {onSubmit ? (
        <form onSubmit={submit} noValidate>
          {content}
        </form>
      ) : (
        content
      )}
    </dialog>
  )
}

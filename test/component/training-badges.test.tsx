// The class and enrolment status badges (app/features/training/components/class-page.tsx): each
// status's colour, its words from the training lists, and data-status, as the class list and the
// class page have always drawn them (e2e tests and styles read the classes and data-status).
import { render } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { ParseKeys } from "i18next";
import type { ClassStatus, EnrollmentStatus } from "~/domain/training-class";
import { ClassStatusBadge, EnrollmentBadge } from "~/features/training/index";
import { i18nFor, WithLocale } from "../setup/component-i18n";

/** Each kind's badge, the classes each of its statuses is drawn with (every status: the Records are exhaustive), and its word list. */
const KINDS = [
  {
    kind: "class",
    draw: (status: ClassStatus) => <ClassStatusBadge status={status} />,
    classes: { PLANNED: "badge warn", RUNNING: "badge ok", FINISHED: "badge", CANCELLED: "badge red" } satisfies Record<ClassStatus, string>,
    words: "training.classStatus",
  },
  {
    kind: "enrolment",
    draw: (status: EnrollmentStatus) => <EnrollmentBadge status={status} />,
    classes: { WAITLISTED: "badge warn", ENROLLED: "badge ok", COMPLETED: "badge ok", FAILED: "badge red", DROPPED: "badge red" } satisfies Record<
      EnrollmentStatus,
      string
    >,
    words: "training.enrollmentStatus",
  },
];
const CASES = KINDS.flatMap(({ kind, draw, classes, words }) =>
  Object.entries(classes).map(([status, className]) => ({
    name: `a ${status} ${kind}`,
    badge: draw(status as never),
    status,
    className,
    words: `${words}.${status}` as ParseKeys,
  })),
);

function drawn(badge: React.ReactElement) {
  const { container } = render(<WithLocale>{badge}</WithLocale>);
  const span = container.firstElementChild as HTMLElement;
  return { tag: span.tagName, className: span.className, status: span.dataset.status, testId: span.getAttribute("data-testid"), text: span.textContent };
}

describe("training status badges", () => {
  const t = i18nFor().t;

  it.each(CASES)("$name", ({ badge, status, className, words }) => {
    expect(drawn(badge)).toEqual({ tag: "SPAN", className, status, testId: null, text: t(words) });
  });
});

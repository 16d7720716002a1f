/** @jest-environment jsdom */
import React, { useState } from "react";
import { fireEvent, render, screen } from "@testing-library/react";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { InputField } from "../../src/taskpane/components/InputField";

/** A field that refuses anything but digits, as the pane's number fields do. */
function Digits({ hint }: { hint?: string }) {
  const [text, setText] = useState("12");
  const error = /^\d+$/.test(text) ? null : "Enter a whole number.";
  return (
    <FluentProvider theme={webLightTheme}>
      <InputField
        label="Samples"
        hint={hint}
        value={text}
        onChange={setText}
        error={error}
        inputMode="numeric"
      />
    </FluentProvider>
  );
}

describe("InputField", () => {
  it("is a labelled text box that passes typed text on, with a numeric keyboard where asked", () => {
    render(<Digits />);
    const box = screen.getByRole("textbox", { name: "Samples" }) as HTMLInputElement;
    expect(box.value).toBe("12");
    expect(box.getAttribute("inputmode")).toBe("numeric");
    fireEvent.change(box, { target: { value: "345" } });
    expect(box.value).toBe("345");
    expect(box.getAttribute("aria-invalid")).not.toBe("true");
    expect(screen.queryByText("Enter a whole number.")).toBeNull();
  });

  it("shows why the text is refused under it, and marks the box invalid", () => {
    render(<Digits hint="From 1 to 1,000,000." />);
    const box = screen.getByRole("textbox", { name: "Samples" });
    fireEvent.change(box, { target: { value: "12a" } });
    expect(box.getAttribute("aria-invalid")).toBe("true");
    const message = screen.getByText("Enter a whole number.");
    expect(box.getAttribute("aria-describedby")).toContain(message.closest("[id]")?.id);
    expect(screen.getByText("From 1 to 1,000,000.")).toBeTruthy();
  });
});

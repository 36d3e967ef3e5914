// Entry of the dashboard bundle (an external module script: the CSP allows no inline script).
import { render } from "preact";
import { App } from "./app.js";
import "./styles.css";
import "./forms.css";

const root = document.getElementById("app");
if (root) render(<App />, root);

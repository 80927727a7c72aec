// Templates are shipped as project files and inlined as text by the bundler (Vite `?raw`).
declare module '*.portolan.yaml?raw' {
  const text: string;
  export default text;
}

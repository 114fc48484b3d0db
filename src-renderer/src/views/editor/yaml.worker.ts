// monaco-yaml's worker, wrapped in a file of our own so Vite bundles it as a module worker
// (`import YamlWorker from './yaml.worker?worker'`); importing the package file directly breaks
// in the dev server ("module is not defined").
import 'monaco-yaml/yaml.worker.js';

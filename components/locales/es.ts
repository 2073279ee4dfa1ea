/**
 * Spanish (`es`) for `<sso-launcher>`: the sign-in, MFA, grid, chatbots, account and error wording.
 * A lazy chunk (see `bundledLanguages` in ../messages.ts): an English page never downloads it.
 *
 * The agent is addressed as "usted": the formal address reads as respectful in every Spanish-speaking
 * market the brokerages serve, and it is what these agents use with their own clients. Neutral Latin
 * American vocabulary ("correo electrónico", "aplicación"), no "vosotros".
 * @module
 */
import type { Messages } from '../messages.ts';

export const messages: Messages = {
  signInTitle: 'Inicie sesión en sus aplicaciones',
  email: 'Correo electrónico',
  password: 'Contraseña',
  signIn: 'Iniciar sesión',
  signingIn: 'Iniciando sesión…',
  signInWithRechat: 'Iniciar sesión con Rechat',
  orWithPassword: 'o con su correo electrónico y contraseña',
  sessionExpired: 'Su sesión ha caducado. Vuelva a iniciar sesión para seguir donde estaba.',
  mfaTitle: 'Verificación en dos pasos',
  mfaHint: 'Escriba el código de 6 dígitos de su aplicación de autenticación.',
  verificationCode: 'Código de verificación',
  verify: 'Verificar',
  useAnotherAccount: 'Usar otra cuenta',
  searchApps: 'Buscar aplicaciones',
  searchPlaceholder: 'Buscar aplicaciones…',
  pinned: 'Fijadas',
  recent: 'Usadas recientemente',
  allApps: 'Todas las aplicaciones',
  pin: (name: string) => `Fijar ${name}`,
  unpin: (name: string) => `Dejar de fijar ${name}`,
  results: (n: number) => (n === 1 ? '1 aplicación' : `${n} aplicaciones`),
  noMatch: (q: string) => `Ninguna aplicación coincide con «${q}».`,
  empty: 'Su agencia todavía no ha agregado aplicaciones. Pídale a su administrador que agregue algunas.',
  loading: 'Cargando sus aplicaciones…',
  signOut: 'Cerrar sesión',
  account: 'Cuenta',
  manageApps: 'Administrar aplicaciones',
  tryAgain: 'Reintentar',
  showAll: (n: number) => `Mostrar las ${n} aplicaciones`,
  unsafeLink: 'Esta aplicación no tiene una dirección web válida y no se puede abrir.',
  missingConfig: 'Este lanzador no está configurado: necesita los atributos api-base, client-id y brand.',
  wrongCredentials: 'El correo electrónico o la contraseña no son correctos. Revíselos e inténtelo de nuevo.',
  badClient: 'Este lanzador no está bien configurado (no se reconoce su cliente). Avise a su equipo de TI.',
  offline: 'Parece que no tiene conexión. Revise su conexión e inténtelo de nuevo.',
  unreachable: (host: string) => `No se puede conectar con ${host}: no respondió. Revise la dirección o inténtelo de nuevo en un momento.`,
  refused: (host: string) => `${host} rechazó esta página: no acepta solicitudes desde aquí. Avise a su equipo de TI.`,
  noPermission: (host: string) => `No se puede conectar con ${host}: no se concedió el permiso. Permita el acceso en la configuración.`,
  timeout: 'El servidor tardó demasiado en responder. Inténtelo de nuevo en un momento.',
  rateLimited: (s?: number) => (s ? `Demasiadas solicitudes. Inténtelo de nuevo en ${s} segundos.` : 'Demasiadas solicitudes. Inténtelo de nuevo en un momento.'),
  tooManyAttempts: (m?: number) =>
    m ? `Demasiados intentos. Inténtelo de nuevo en ${m} ${m === 1 ? 'minuto' : 'minutos'}.` : 'Demasiados intentos. Inténtelo de nuevo en un momento.',
  serverError: 'El servidor tuvo un problema. Inténtelo de nuevo en un momento.',
  forbidden: 'No tiene acceso a estas aplicaciones. Consulte con su administrador.',
  badResponse: 'El servidor envió una respuesta que no pudimos leer. Inténtelo de nuevo más tarde.',
  wrongCode: 'Ese código no es correcto o ha caducado. Escriba el código actual de su aplicación.',
  codeShape: 'Escriba el código de 6 dígitos de su aplicación de autenticación.',
  enterEmail: 'Escriba su correo electrónico.',
  enterPassword: 'Escriba su contraseña.',
  unknownError: 'Algo salió mal. Inténtelo de nuevo.',
  mfaOn: 'La verificación en dos pasos está activada.',
  mfaOff: 'La verificación en dos pasos está desactivada.',
  turnOnMfa: 'Activar la verificación en dos pasos',
  turnOffMfa: 'Desactivar la verificación en dos pasos',
  mfaScan:
    'Escanee este código con su aplicación de autenticación, o escriba la clave a mano, y luego escriba el código que le muestre.',
  mfaSecret: 'Clave de configuración',
  mfaQrLabel: (label: string) => `Código QR de ${label}`,
  mfaEnabled: 'La verificación en dos pasos ya está activada.',
  mfaDisabled: 'La verificación en dos pasos ya está desactivada.',
  mfaOffPrompt: 'Escriba un código actual para desactivar la verificación en dos pasos.',
  chatbot: 'Asistente',
  openingBot: (name: string) => `Abriendo ${name}…`,
  cancel: 'Cancelar',
  close: 'Cerrar',
};

/**
 * Spanish (`es`) for the extension's pages: the popup's frame, the options page and the settings'
 * field messages. A lazy chunk (see `extensionLanguages` in ../i18n.ts). Same conventions as the
 * launcher's (components/locales/es.ts): "usted", neutral Latin American Spanish.
 * @module
 */
import type { ExtensionMessages } from '../i18n.ts';

/** "el ID de cliente" → "El ID de cliente", for a sentence that starts with the field's name. */
const capital = (text: string) => `${text}`.replace(/^./u, (first) => first.toUpperCase());

export const messages: ExtensionMessages = {
  loading: 'Cargando…',
  settings: 'Configuración',
  popupTitle: 'Lanzador SSO',
  usingDemo: 'Está usando la demostración local; abra la configuración para configurarlo.',
  policyInvalid: 'Algunos valores que fijó su organización no son válidos; vea la configuración.',
  rechatCancelled: 'Se canceló el inicio de sesión.',
  rechatUnexpected: 'El inicio de sesión terminó en un lugar inesperado. Inténtelo de nuevo.',
  rechatRefused: 'Rechat rechazó el inicio de sesión.',
  rechatUnchecked: 'No se pudo comprobar este inicio de sesión, así que se detuvo.',
  rechatUnavailable: 'Iniciar sesión con Rechat no está disponible aquí.',
  omniboxDefault: 'Abrir una aplicación del Lanzador SSO: escriba su nombre',
  omniboxSignIn: 'Primero inicie sesión desde el botón del Lanzador SSO en la barra de herramientas',
  omniboxOpen: (description: string) => `Abrir ${description}`,
  omniboxNoMatch: (text: string) => `Ninguna aplicación coincide con «${text}»`,
  optionsTitle: 'Configuración del Lanzador SSO',
  policyNote: 'Su organización fija algunos valores y no se pueden cambiar aquí.',
  connection: 'Conexión',
  connectionSettings: 'Configuración de la conexión',
  apiBaseLabel: 'URL base de la API',
  apiBaseHint: 'La API de Rechat, por ejemplo https://api.rechat.com.',
  clientIdLabel: 'ID de cliente',
  clientIdHint: 'El ID de cliente OAuth que recibió su agencia.',
  brandLabel: 'Marca',
  brandHint: 'La marca (oficina o equipo) cuyas aplicaciones se muestran.',
  tokenEndpointLabel: 'Punto de conexión de tokens',
  tokenEndpointHint: 'El proxy de inicio de sesión de su agencia, si tiene uno. Vacío: el de la API.',
  brokerLabel: 'URL del broker',
  brokerHint: 'El broker de tokens, para los asistentes.',
  optional: '(opcional)',
  save: 'Guardar',
  access: 'Acceso',
  accessIntro: 'El lanzador necesita su permiso para conectarse con estos servidores.',
  account: 'Cuenta',
  checking: 'Comprobando…',
  signOut: 'Cerrar sesión',
  rechatTitle: 'Iniciar sesión con Rechat',
  rechatIntro:
    'Para «Iniciar sesión con Rechat», su agencia registra en Rechat esta URL de redirección exacta y la agrega en la configuración del broker',
  administration: 'Administración',
  notSaved: 'No se guardó: corrija los campos marcados en rojo.',
  saved: 'Guardado.',
  savedNoAccess: (hosts: string) =>
    `Guardado, pero no se permitió el acceso a ${hosts}: el lanzador no podrá conectarse hasta que lo permita abajo.`,
  brandsFailed: (reason: string) => `No se pudieron obtener sus marcas: ${reason}`,
  unknownUser: 'un usuario desconocido',
  signedInAs: (who: string, apiBase: string) => `Sesión iniciada como ${who} en ${apiBase}.`,
  waitingForCode: (who: string) => `Iniciando sesión como ${who}: falta el código de verificación.`,
  notSignedIn: 'No ha iniciado sesión. Inicie sesión desde el botón del Lanzador SSO en la barra de herramientas.',
  accountFailed: (reason: string) => `No se pudo comprobar la cuenta: ${reason}`,
  signOutFailed: (reason: string) => `No se pudo cerrar la sesión: ${reason}`,
  locked: 'Lo fija su organización',
  policyIgnored: (reason: string) => `Se ignoró el valor de su organización: ${reason}`,
  notYourBrand: (value: string) => `${value} (no es una de sus marcas)`,
  allowAccess: (host: string) => `Permitir el acceso a ${host}`,
  fieldNames: {
    apiBase: 'la URL base de la API',
    clientId: 'el ID de cliente',
    brand: 'el ID de la marca',
    tokenEndpoint: 'el punto de conexión de tokens',
    broker: 'la URL del broker',
  },
  enterText: 'Escriba un texto.',
  required: (what: string) => `Escriba ${what}.`,
  fullUrl: (example: string) => `Escriba una URL completa, por ejemplo ${example}.`,
  useHttpsUrl: 'Use una URL https://.',
  httpsOnlyLocalhost: 'Use https:// (http:// solo se permite para localhost).',
  noCredentials: 'No incluya el usuario ni la contraseña en la URL.',
  tooLong: (what: string) => `${capital(what)} es demasiado largo.`,
  idChars: (what: string) => `${capital(what)} solo puede contener letras, dígitos y . _ : @ -`,
};

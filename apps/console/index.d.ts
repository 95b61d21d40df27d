/** The directory of the built console (index.html and assets/), served by the api role. */
export declare const consoleDir: string;

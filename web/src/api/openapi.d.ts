// Generated from the API's route table by `npm run web:api` (scripts/web.ts): do not edit.
export interface paths {
  '/healthz': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Liveness: the API process is up */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description alive */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              /** @enum {string} */
              status: 'ok';
            };
          };
        };
        /** @description Problem */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/readyz': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Readiness: Temporal and the database are reachable; warnings (still ready) such as a year without holidays loaded */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description ready */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Readiness'];
          };
        };
        /** @description Problem */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description a dependency is down */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Readiness'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/auth/login': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Sign in to the workbench with a staff account
     * @description Sets the telecom_session cookie (httpOnly, SameSite=Strict: the API's JWT) and the telecom_csrf cookie (readable: send it back as X-CSRF-Token on writes). After RATE_LIMIT_LOGIN_FAILURES_PER_USER failures for a user name, or RATE_LIMIT_LOGIN_FAILURES_PER_ADDRESS from an address, 429 until RATE_LIMIT_LOGIN_WINDOW_SECONDS pass.
     */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': components['schemas']['LoginInput'];
        };
      };
      responses: {
        /** @description signed in; the cookies are set */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Session'];
          };
        };
        /** @description Problem */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description wrong user name or password, or the account is disabled */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content?: never;
        };
        /** @description too many failed sign-ins for this user name or from this address; see Retry-After */
        429: {
          headers: {
            [name: string]: unknown;
          };
          content?: never;
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/auth/logout': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Sign out: clears the session cookies
     * @description The browser forgets the session. (The token itself stays valid until it expires, as a bearer token does, unless an administrator disables the account or resets its password.)
     */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description signed out */
        204: {
          headers: {
            [name: string]: unknown;
          };
          content?: never;
        };
        /** @description Problem */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/auth/me': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Who is signed in (session cookie or bearer token)
     * @description 401 with code SESSION_EXPIRED when the session cookie's token has expired.
     */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description the signed-in user */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['SessionUser'];
          };
        };
        /** @description Problem */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/staff': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Staff accounts (who may sign in to the workbench), by user name */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description every account */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['StaffAccount'][];
          };
        };
        /** @description Problem */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    /** Create a staff account */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': components['schemas']['StaffAccount_Create'];
        };
      };
      responses: {
        /** @description created */
        201: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['StaffAccount'];
          };
        };
        /** @description Problem */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description the user name is taken */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content?: never;
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/staff/{username}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A staff account */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          username: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description the account */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['StaffAccount'];
          };
        };
        /** @description Problem */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description no such account */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content?: never;
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    /**
     * Change a staff account: display name, disabled, password, scopes
     * @description Disabling it, a new password or new scopes end its sessions (within API_KEY_CACHE_SECONDS).
     */
    patch: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          username: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': components['schemas']['StaffAccount_Update'];
        };
      };
      responses: {
        /** @description the account as it is now */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['StaffAccount'];
          };
        };
        /** @description Problem */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description no such account */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content?: never;
        };
      };
    };
    trace?: never;
  };
  '/productOrder': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List orders with filters and paging (newest first) */
    get: {
      parameters: {
        query?: {
          state?: string;
          localNetwork?:
            | 'shenyang'
            | 'dalian'
            | 'anshan'
            | 'fushun'
            | 'benxi'
            | 'dandong'
            | 'jinzhou'
            | 'yingkou'
            | 'fuxin'
            | 'liaoyang'
            | 'panjin'
            | 'tieling'
            | 'chaoyang'
            | 'huludao';
          customerId?: string;
          serviceLine?: 'fixed_line' | 'phs' | 'broadband' | 'gsm_mobile' | 'gsm_prepaid' | 'ip_phone' | 'long_distance' | 'value_added';
          /** @description creationDate >= from */
          from?: string;
          /** @description creationDate < to */
          to?: string;
          limit?: number;
          offset?: number;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description a page of orders; X-Total-Count has the total */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Order'][];
          };
        };
        /** @description Problem */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    /** Place an order (idempotent: the same Idempotency-Key or externalId returns the same order) */
    post: {
      parameters: {
        query?: never;
        header?: {
          /** @description Repeat a create safely: the same key returns the same order */
          'idempotency-key'?: string;
        };
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': components['schemas']['ProductOrderInput'];
        };
      };
      responses: {
        /** @description the same order, for a repeated request */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Order'];
          };
        };
        /** @description order accepted; fulfilment started */
        201: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Order'];
          };
        };
        /** @description Problem */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description the Idempotency-Key or externalId was used for a different request */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content?: never;
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/productOrder/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** An order with each item's step progress (live while the order runs; X-Data-Source says from where) */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description the order */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Order'];
          };
        };
        /** @description Problem */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description no such order */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content?: never;
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/productOrder/{id}/events': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Server-sent events of an order's progress: the order page reads the order again on each
     * @description text/event-stream, open until the client goes or the caller's token expires. `event: order`, `data: {"id": order id}` for each committed change of the order (each step recorded, a cancellation, an amendment, the end); a comment line every 25 s; when the token expires, `event: expired` (`data: {"code": "SESSION_EXPIRED", ...}`) and the stream ends. Same roles and scope as GET /productOrder/{id}.
     */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description the event stream */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'text/event-stream': string;
          };
        };
        /** @description Problem */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description no such order */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content?: never;
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/cancelProductOrder': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Cancel an order in flight: answered 202 once the order has accepted the cancellation (409 when too late); completed steps are then undone
     * @description The answer comes as soon as the workflow has accepted the cancellation, with the order in pendingCancellation and a Location to follow; the undo of completed steps (billing included) runs after it, and the order ends cancelled.
     */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': components['schemas']['CancelProductOrderInput'];
        };
      };
      responses: {
        /** @description cancellation accepted; the order is pendingCancellation */
        202: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Order'];
          };
        };
        /** @description Problem */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description no such order */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content?: never;
        };
        /** @description the order can no longer be cancelled */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content?: never;
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/productOrder/{id}/productOrderItem/{itemId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    /** Amend an item before it is provisioned (409 past the point of no return) */
    patch: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
          itemId: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': components['schemas']['AmendItemInput'];
        };
      };
      responses: {
        /** @description the amended order */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Order'];
          };
        };
        /** @description Problem */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description no such order or item */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content?: never;
        };
        /** @description too late to amend */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content?: never;
        };
      };
    };
    trace?: never;
  };
  '/quote': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Price an order without placing it, explained line by line */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': components['schemas']['QuoteInput'];
        };
      };
      responses: {
        /** @description the quote */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Quote'];
          };
        };
        /** @description Problem */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/tmf-api/productOrderingManagement/v5/productOrder': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List product orders (TMF622 v5), newest first; X-Total-Count and X-Result-Count */
    get: {
      parameters: {
        query?: {
          /** @description Comma-separated first-level attributes to return (id, href and @type always come) */
          fields?: string;
          state?: string;
          /** @description the customer */
          'relatedParty.partyOrPartyRole.id'?: string;
          'productOrderItem.product.productSpecification.id'?: string;
          'creationDate.gte'?: string;
          'creationDate.lt'?: string;
          offset?: number;
          limit?: number;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description a page of orders */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ProductOrder'][];
          };
        };
        /** @description Problem */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    /**
     * Create a product order (TMF622 v5 ProductOrder_FVO; idempotent by Idempotency-Key or externalId)
     * @description The customer is the related party with role Customer (or the billingAccount owner); salesAgent names the agent; the local network comes from the extension field localNetwork (@type TelecomProductOrder), the Seller party, the installation place or the customer's home. requestedInitialState "draft" prices and keeps the order without starting it.
     */
    post: {
      parameters: {
        query?: {
          /** @description Comma-separated first-level attributes to return (id, href and @type always come) */
          fields?: string;
        };
        header?: {
          /** @description Repeat a create safely: the same key returns the same order */
          'idempotency-key'?: string;
        };
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': components['schemas']['ProductOrder_FVO'];
        };
      };
      responses: {
        /** @description the same order, for a repeated request */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ProductOrder'];
          };
        };
        /** @description created; fulfilment started (a draft is not started) */
        201: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ProductOrder'];
          };
        };
        /** @description Problem */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description the Idempotency-Key or externalId was used for a different request */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content?: never;
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/tmf-api/productOrderingManagement/v5/productOrder/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Retrieve a product order (TMF622 v5) */
    get: {
      parameters: {
        query?: {
          /** @description Comma-separated first-level attributes to return (id, href and @type always come) */
          fields?: string;
        };
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description the order */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ProductOrder'];
          };
        };
        /** @description Problem */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description no such order */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content?: never;
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    /** Submit a draft order: merge-patch {"state": "acknowledged"} */
    patch: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/merge-patch+json': components['schemas']['ProductOrder_MVO'];
          'application/json': components['schemas']['ProductOrder_MVO'];
        };
      };
      responses: {
        /** @description the submitted order */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ProductOrder'];
          };
        };
        /** @description Problem */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description no such order */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content?: never;
        };
        /** @description not a draft */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content?: never;
        };
      };
    };
    trace?: never;
  };
  '/tmf-api/productOrderingManagement/v5/cancelProductOrder': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List CancelProductOrder tasks (TMF622 v5) */
    get: {
      parameters: {
        query?: {
          /** @description Comma-separated first-level attributes to return (id, href and @type always come) */
          fields?: string;
          state?: string;
          'productOrder.id'?: string;
          offset?: number;
          limit?: number;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description a page of tasks */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['CancelProductOrder'][];
          };
        };
        /** @description Problem */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    /** Cancel an order (TMF622 v5 CancelProductOrder task): 201 acknowledged once the order accepted it; 409 when too late */
    post: {
      parameters: {
        query?: never;
        header?: {
          /** @description Repeat a create safely: the same key returns the same order */
          'idempotency-key'?: string;
        };
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': components['schemas']['CancelProductOrder_FVO'];
        };
      };
      responses: {
        /** @description the same task, for a repeated Idempotency-Key */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['CancelProductOrder'];
          };
        };
        /** @description the task, acknowledged: the order accepted the cancellation */
        201: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['CancelProductOrder'];
          };
        };
        /** @description Problem */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description no such order */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content?: never;
        };
        /** @description the order can no longer be cancelled (the task is rejected) */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content?: never;
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/tmf-api/productOrderingManagement/v5/cancelProductOrder/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Retrieve a CancelProductOrder task (TMF622 v5) */
    get: {
      parameters: {
        query?: {
          /** @description Comma-separated first-level attributes to return (id, href and @type always come) */
          fields?: string;
        };
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description the task */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['CancelProductOrder'];
          };
        };
        /** @description Problem */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description no such task */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content?: never;
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/catalog/productOffering': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The catalog as offered in a local network: active offerings it sells, by service line, with their characteristics and deposits
     * @description Withdrawn (retired) and draft offerings are absent, as are those the network does not sell. For an agent, each offering outside its contract has orderable=false and the reason, and `agent` shows the contract (limits, orders today).
     */
    get: {
      parameters: {
        query: {
          /** @description The local network the order is placed in */
          localNetwork:
            | 'shenyang'
            | 'dalian'
            | 'anshan'
            | 'fushun'
            | 'benxi'
            | 'dandong'
            | 'jinzhou'
            | 'yingkou'
            | 'fuxin'
            | 'liaoyang'
            | 'panjin'
            | 'tieling'
            | 'chaoyang'
            | 'huludao';
          /** @description Only offerings of this service line */
          serviceLine?: 'fixed_line' | 'phs' | 'broadband' | 'gsm_mobile' | 'gsm_prepaid' | 'ip_phone' | 'long_distance' | 'value_added';
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description the offered catalog */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['OfferedCatalog'];
          };
        };
        /** @description Problem */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/inventory/numbers': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * A page of free service numbers in a local network, with a pattern search (e.g. ending in 8888)
     * @description Numbers neither taken, held back (ending in 0000) nor held for another order form, in numeric order. `hasMore` says whether the next page has any.
     */
    get: {
      parameters: {
        query: {
          localNetwork:
            | 'shenyang'
            | 'dalian'
            | 'anshan'
            | 'fushun'
            | 'benxi'
            | 'dandong'
            | 'jinzhou'
            | 'yingkou'
            | 'fuxin'
            | 'liaoyang'
            | 'panjin'
            | 'tieling'
            | 'chaoyang'
            | 'huludao';
          /** @description Fixed line and PHS numbers follow the network’s local plan (7 or 8 digits); mobile numbers have 11 */
          serviceLine: 'fixed_line' | 'phs' | 'gsm_mobile' | 'gsm_prepaid';
          /** @description Digits and wildcards, matched against the END of the number: `?` one digit, `*` any digits (none included), at most 3 `*`, 16 characters. `8888` or `*8888`: ends in 8888; `*666*`: 666 anywhere; `88?88`: ends in 88, any digit, 88 */
          pattern?: string;
          limit?: number;
          offset?: number;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description a page of free numbers */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['FreeNumbers'];
          };
        };
        /** @description Problem */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/inventory/numbers/{number}/hold': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Hold a free number for an order form for a few minutes (idempotent by Idempotency-Key)
     * @description Give the hold id with the order as the item characteristic `numberHold` (beside `requestedNumber`): the order reserves the number and the hold is consumed. Unused, the hold lapses at heldUntil; DELETE releases it sooner. A number held for another form is refused (409 NUMBER_HELD), as is a taken one (409 NUMBER_TAKEN).
     */
    post: {
      parameters: {
        query?: never;
        header: {
          /** @description One per order form and number: a repeat returns the same hold */
          'idempotency-key': string;
        };
        path: {
          number: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': components['schemas']['HoldNumberInput'];
        };
      };
      responses: {
        /** @description the hold */
        201: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['NumberHold'];
          };
        };
        /** @description Problem */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description the number is taken or held for another order form */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content?: never;
        };
        /** @description the Idempotency-Key was used to hold another number */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content?: never;
        };
      };
    };
    /** Release the caller's hold on a number (204 also when it had lapsed, been consumed or released) */
    delete: {
      parameters: {
        query: {
          localNetwork:
            | 'shenyang'
            | 'dalian'
            | 'anshan'
            | 'fushun'
            | 'benxi'
            | 'dandong'
            | 'jinzhou'
            | 'yingkou'
            | 'fuxin'
            | 'liaoyang'
            | 'panjin'
            | 'tieling'
            | 'chaoyang'
            | 'huludao';
          holdId: string;
        };
        header?: never;
        path: {
          number: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description nothing of the caller is held on the number any more */
        204: {
          headers: {
            [name: string]: unknown;
          };
          content?: never;
        };
        /** @description Problem */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/tmf-api/productCatalogManagement/v5/productOffering': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * List product offerings (filters: lifecycleStatus, category.id = service line, place.id = local network, channel.id)
     * @description place.id keeps the offerings that local network sells (its service lines, less the offerings it excludes); channel.id those sold over that channel (an offering whose sale needs an identity check, cash or a bank transfer is not sold by phone or web). Drafts are shown to admin, ops and auditor only. Sorted by service line, then id; X-Total-Count has all that match, X-Result-Count this page.
     */
    get: {
      parameters: {
        query?: {
          /** @description Comma-separated first-level attributes to return (id, href and @type always come) */
          fields?: string;
          offset?: number;
          limit?: number;
          /** @description draft, active or retired (drafts: for catalog staff — admin, ops, auditor) */
          lifecycleStatus?: 'draft' | 'active' | 'retired';
          /** @description the service line (the catalog category) */
          'category.id'?: 'fixed_line' | 'phs' | 'broadband' | 'gsm_mobile' | 'gsm_prepaid' | 'ip_phone' | 'long_distance' | 'value_added';
          /** @description a local network: only the offerings it sells (its rules: service lines sold, offerings excluded); in the reader’s scope */
          'place.id'?:
            | 'shenyang'
            | 'dalian'
            | 'anshan'
            | 'fushun'
            | 'benxi'
            | 'dandong'
            | 'jinzhou'
            | 'yingkou'
            | 'fuxin'
            | 'liaoyang'
            | 'panjin'
            | 'tieling'
            | 'chaoyang'
            | 'huludao';
          /** @description a sales channel: only the offerings sold over it (see the channel rules) */
          'channel.id'?: 'shop' | 'call_centre' | 'web' | 'agent';
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description a page of product offerings */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ProductOfferingV5'][];
          };
        };
        /** @description Problem */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/tmf-api/productCatalogManagement/v5/productOffering/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A product offering, with its lifecycle history (who changed it, when, why) */
    get: {
      parameters: {
        query?: {
          /** @description Comma-separated first-level attributes to return (id, href and @type always come) */
          fields?: string;
        };
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description the product offering */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ProductOfferingV5'];
          };
        };
        /** @description Problem */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description no such product offering */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content?: never;
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    /**
     * Change an offering's lifecycle (admin): draft → active → retired (application/merge-patch+json)
     * @description Only lifecycleStatus (and statusReason) may be patched: the rest of the catalog is reference data. A retired offering is refused to new orders (400 OFFERING_NOT_ACTIVE naming the item) from the next read of every API process and worker; orders already taken go on. Backwards (retired → active, active → draft) is 409; the state it already has, 200 without a new history entry.
     */
    patch: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/merge-patch+json': components['schemas']['ProductOffering_MVO'];
          'application/json': components['schemas']['ProductOffering_MVO'];
        };
      };
      responses: {
        /** @description the product offering after the change, with its history */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ProductOfferingV5'];
          };
        };
        /** @description Problem */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description no such product offering */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content?: never;
        };
        /** @description the lifecycle does not go that way */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content?: never;
        };
      };
    };
    trace?: never;
  };
  '/productOrderBatch': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List batch orders (newest first), of the reader's local networks; an agent its own */
    get: {
      parameters: {
        query?: {
          customerId?: string;
          localNetwork?:
            | 'shenyang'
            | 'dalian'
            | 'anshan'
            | 'fushun'
            | 'benxi'
            | 'dandong'
            | 'jinzhou'
            | 'yingkou'
            | 'fuxin'
            | 'liaoyang'
            | 'panjin'
            | 'tieling'
            | 'chaoyang'
            | 'huludao';
          state?: string;
          limit?: number;
          offset?: number;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description a page of batches; X-Total-Count has the total */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ProductOrderBatch'][];
          };
        };
        /** @description Problem */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    /**
     * Place an enterprise customer's batch order of up to 1,000 lines, each an ordinary order (Idempotency-Key required)
     * @description Each line becomes an order of its own (`order-<id>`, visible wherever orders are), run by the batch workflow `batch-<id>` some lines at a time. Each kind of line (its offerings and actions) is judged at entry on its first line; every order is judged again by its own workflow, so a line can still fail with its reason. A repeat with the same Idempotency-Key answers the same batch (200), never a second run.
     */
    post: {
      parameters: {
        query?: never;
        header: {
          /** @description Required: the same key returns the same batch */
          'idempotency-key': string;
        };
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': components['schemas']['ProductOrderBatchInput'];
        };
      };
      responses: {
        /** @description the same batch, for a repeated request */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ProductOrderBatch'];
          };
        };
        /** @description batch accepted; its lines start */
        201: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ProductOrderBatch'];
          };
        };
        /** @description Problem */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description the Idempotency-Key was used for a different request */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content?: never;
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/productOrderBatch/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A batch order with its lines counted by state (from the read model the batch's bookkeeping keeps) */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description the batch */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ProductOrderBatch'];
          };
        };
        /** @description Problem */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description no such batch */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content?: never;
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/productOrderBatch/{id}/line': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A batch's lines in order, each with its order, state and reason (filter by state) */
    get: {
      parameters: {
        query?: {
          state?: 'pending' | 'inProgress' | 'completed' | 'failed' | 'cancelled';
          limit?: number;
          offset?: number;
        };
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description a page of lines; X-Total-Count has the total */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ProductOrderBatchLine'][];
          };
        };
        /** @description Problem */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description no such batch */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content?: never;
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/productOrderBatch/{id}/cancelRemainder': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Cancel a batch's remainder: lines not started never start; running lines' orders are cancelled (202; 409 when the batch is over) */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': components['schemas']['CancelBatchRemainderInput'];
        };
      };
      responses: {
        /** @description accepted; the batch is cancelling */
        202: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ProductOrderBatch'];
          };
        };
        /** @description Problem */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description no such batch */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content?: never;
        };
        /** @description the batch is over, or already cancelling */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content?: never;
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/enterpriseGroup/{customerId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** An enterprise customer's group account (集团账户), its member subscriptions (billed to it) and its newest batch orders */
    get: {
      parameters: {
        query?: {
          limit?: number;
          offset?: number;
        };
        header?: never;
        path: {
          customerId: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description the group */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['EnterpriseGroup'];
          };
        };
        /** @description Problem */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description no such enterprise customer */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content?: never;
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/troubleTicket': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Search work orders (newest first); an account manager finds those of their own customers */
    get: {
      parameters: {
        query?: {
          state?: 'acknowledged' | 'inProgress' | 'pending' | 'held' | 'resolved' | 'closed' | 'cancelled' | 'rejected' | 'reopened';
          type?: 'complaint' | 'fault_report' | 'inquiry' | 'service_request' | 'suggestion';
          department?: string;
          localNetwork?:
            | 'shenyang'
            | 'dalian'
            | 'anshan'
            | 'fushun'
            | 'benxi'
            | 'dandong'
            | 'jinzhou'
            | 'yingkou'
            | 'fuxin'
            | 'liaoyang'
            | 'panjin'
            | 'tieling'
            | 'chaoyang'
            | 'huludao';
          overdue?: 'true' | 'false';
          escalationLevel?: 'city' | 'province' | 'national';
          /** @description A node of the category tree: the work orders in it or under it */
          category?: string;
          limit?: number;
          offset?: number;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description a page of work orders; X-Total-Count has the total */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['TroubleTicket'][];
          };
        };
        /** @description Problem */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    /** Take a work order from any channel; it is classified and dispatched by the routing rules */
    post: {
      parameters: {
        query?: never;
        header?: {
          'idempotency-key'?: string;
        };
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': components['schemas']['CreateTroubleTicket'];
        };
      };
      responses: {
        /** @description taken and dispatched */
        201: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['TroubleTicket'];
          };
        };
        /** @description taken; its workflow has not answered yet (workers busy): follow Location */
        202: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              id: string;
              href: string;
              /** @enum {string} */
              state: 'acknowledged';
            };
          };
        };
        /** @description Problem */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description the Idempotency-Key was used for a different request */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content?: never;
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/troubleTicket/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A work order with its assignments, deadlines, escalation level and timeline */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description the work order */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['TroubleTicket'];
          };
        };
        /** @description Problem */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description no such work order */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content?: never;
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/troubleTicket/{id}/contact': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The work order's customer and how to reach them */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description the customer and their contact */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['TroubleTicketContact'];
          };
        };
        /** @description Problem */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description no such work order */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content?: never;
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/department/{department}/worklist': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A department's open work orders, soonest deadline first, with overdue flags and SLA urge marks; filters by type, local network, tier, overdue */
    get: {
      parameters: {
        query?: {
          type?: 'complaint' | 'fault_report' | 'inquiry' | 'service_request' | 'suggestion';
          localNetwork?:
            | 'shenyang'
            | 'dalian'
            | 'anshan'
            | 'fushun'
            | 'benxi'
            | 'dandong'
            | 'jinzhou'
            | 'yingkou'
            | 'fuxin'
            | 'liaoyang'
            | 'panjin'
            | 'tieling'
            | 'chaoyang'
            | 'huludao';
          /** @description The customer's tier */
          tier?: 'ordinary' | 'silver' | 'gold' | 'vip';
          overdue?: 'true' | 'false';
          /** @description true: only the work orders the province centre handed over for coordination (the national centre's coordination queue); false: only the others */
          handOver?: 'true' | 'false';
          /** @description deadline: soonest deadline first (the default, what is due); newest: latest dispatch first (what just came in, on a busy desk) */
          sort?: 'deadline' | 'newest';
          limit?: number;
          offset?: number;
        };
        header?: never;
        path: {
          department: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description a page of the worklist; X-Total-Count has the total */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['WorklistEntry'][];
          };
        };
        /** @description Problem */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description no such department */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content?: never;
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/department/{department}/worklist/events': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Server-sent events of a department's worklist changes: the live desk refreshes its worklist on each
     * @description text/event-stream, open until the client goes or the caller's token expires. `event: worklist`, `data: {"ids": [work order ids]}` for each committed change of work orders the department holds or held; a comment line every 25 s; when the token expires, `event: expired` (`data: {"code": "SESSION_EXPIRED", ...}`) and the stream ends. Same roles and scope as the worklist.
     */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          department: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description the event stream */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'text/event-stream': string;
          };
        };
        /** @description Problem */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description no such department */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content?: never;
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/troubleTicket/{id}/event': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Act on a work order: accept, note, receipt, return, requestCoHandling, transfer, dispatch, sendBack, approve, recordSatisfaction, reopen, waitOnCustomer, customerResponded, cancel, escalate, urge, supervise, superviseReply
     * @description Validated by the work order itself and answered synchronously: 409 in a wrong state, 403 from a department it is not assigned to, 400 for a malformed event. urge (催办): the call centre, a supervisor or the customer's account manager, while a department owes the work order something: counted, priority one step up, escalated one level after WORKORDER_URGE_ESCALATE_COUNT urges within WORKORDER_URGE_WINDOW_SECONDS. supervise (督办): a supervisor, with `due` and `instructions`; the department holding it answers with superviseReply (`text`); approve is refused (409) until it has.
     */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json':
            | {
                /** @enum {string} */
                type: 'classify';
                /** @enum {string} */
                workOrderType?: 'complaint' | 'fault_report' | 'inquiry' | 'service_request' | 'suggestion';
                /** @enum {string} */
                priority?: 'low' | 'medium' | 'high' | 'critical';
                /** @enum {string} */
                serviceLine?: 'fixed_line' | 'phs' | 'broadband' | 'gsm_mobile' | 'gsm_prepaid' | 'ip_phone' | 'long_distance' | 'value_added';
              }
            | {
                /** @enum {string} */
                type: 'reject';
                reason: string;
              }
            | {
                /** @enum {string} */
                type: 'dispatch';
                departments: string[];
                ruleId?: string;
                reason?: string;
              }
            | {
                /** @enum {string} */
                type: 'accept';
              }
            | {
                /** @enum {string} */
                type: 'note';
                text: string;
                noteId?: string;
                author?: string;
              }
            | {
                /** @enum {string} */
                type: 'reprioritize';
                /** @enum {string} */
                priority: 'low' | 'medium' | 'high' | 'critical';
                reason?: string;
              }
            | {
                /** @enum {string} */
                type: 'receipt';
                /** @enum {string} */
                result: 'resolved' | 'partially_resolved' | 'unresolved' | 'no_fault_found';
                resolutionCode: string;
                notes?: string;
              }
            | {
                /** @enum {string} */
                type: 'return';
                reason: string;
              }
            | {
                /** @enum {string} */
                type: 'transfer';
                from: string;
                to: string;
                reason: string;
              }
            | {
                /** @enum {string} */
                type: 'requestCoHandling';
                departments: string[];
                reason: string;
              }
            | {
                /** @enum {string} */
                type: 'sendBack';
                reason: string;
                departments?: string[];
              }
            | {
                /** @enum {string} */
                type: 'approve';
                notes?: string;
              }
            | {
                /** @enum {string} */
                type: 'notifyCustomer';
                /** @enum {string} */
                channel?: 'phone' | 'ivr' | 'web' | 'sms' | 'email' | 'fax' | 'letter' | 'walk_in' | 'system' | 'account_manager';
                message?: string;
              }
            | {
                /** @enum {string} */
                type: 'recordSatisfaction';
                satisfied: boolean;
                score?: number;
                comment?: string;
              }
            | {
                /** @enum {string} */
                type: 'reopen';
                reason: string;
              }
            | {
                /** @enum {string} */
                type: 'waitOnCustomer';
                reason: string;
              }
            | {
                /** @enum {string} */
                type: 'customerResponded';
                notes?: string;
              }
            | {
                /** @enum {string} */
                type: 'autoClose';
              }
            | {
                /** @enum {string} */
                type: 'openCallback';
                dueBy: number;
              }
            | {
                /** @enum {string} */
                type: 'callbackOverdue';
              }
            | {
                /** @enum {string} */
                type: 'cancel';
                reason: string;
              }
            | {
                /** @enum {string} */
                type: 'escalate';
                reason: string;
                mark?: string;
              }
            | {
                /** @enum {string} */
                type: 'handOver';
                reason: string;
              }
            | {
                /** @enum {string} */
                type: 'urge';
                mark?: string;
                reason?: string;
              }
            | {
                /** @enum {string} */
                type: 'supervise';
                /** Format: date-time */
                due: string;
                instructions: string;
              }
            | {
                /** @enum {string} */
                type: 'superviseReply';
                text: string;
              }
            | {
                /** @enum {string} */
                type: 'supervisionOverdue';
                supervision: number;
              }
            | {
                /** @enum {string} */
                type: 'closeInstallation';
                installed: boolean;
              }
            | {
                /** @enum {string} */
                type: 'placeOrder';
                orderId: string;
              }
            | {
                /** @enum {string} */
                type: 'orderFinished';
                orderId: string;
                /** @enum {string} */
                outcome: 'completed' | 'partial' | 'failed' | 'cancelled' | 'rejected';
                reason?: string;
              };
        };
      };
      responses: {
        /** @description the work order after the action */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['TroubleTicket'];
          };
        };
        /** @description Problem */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description wrong state */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content?: never;
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/troubleTicket/{id}/productOrder': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Turn a service request into a product order for its customer: the work order follows the order and closes when it completes
     * @description The body is an ordinary order request (as POST /productOrder, taken over the call_centre channel) for the work order's customer in its handling local network; it is judged, priced and stored once per Idempotency-Key exactly as POST /productOrder does, and its fulfilment runs as the work order's child workflow. The work order records the order (relatedOrderId, placedOrder), hands its departments' assignments over to it, and closes when the order completes; a partial, failed, cancelled or rejected order sends it back to the call centre (phase returned) with the reason, which may place another order, dispatch it or cancel it. 409 when the work order is not a service request, is not open (or not yet dispatched), or already follows an order.
     */
    post: {
      parameters: {
        query?: never;
        header?: {
          /** @description Repeat a create safely: the same key returns the same order */
          'idempotency-key'?: string;
        };
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': components['schemas']['ServiceRequestOrderInput'];
        };
      };
      responses: {
        /** @description the same order, for a repeated request */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Order'];
          };
        };
        /** @description order accepted; its fulfilment started by the work order */
        201: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Order'];
          };
        };
        /** @description Problem */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description no such work order */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content?: never;
        };
        /** @description the work order cannot become an order now */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content?: never;
        };
        /** @description the Idempotency-Key was used for a different request */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content?: never;
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/tmf-api/troubleTicket/v5/troubleTicket': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List trouble tickets, newest first (filters: status, ticketType, priority, severity) */
    get: {
      parameters: {
        query?: {
          /** @description Comma-separated first-level attributes to return (id, href and @type always come) */
          fields?: string;
          offset?: number;
          limit?: number;
          status?: string;
          ticketType?: string;
          priority?: string;
          severity?: string;
          /** @description the customer */
          'relatedParty.id'?: string;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description a page; X-Total-Count has all that match, X-Result-Count this page */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['TroubleTicketV5'][];
          };
        };
        /** @description Problem */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    /**
     * Create a trouble ticket (TroubleTicket_FVO); it is classified and dispatched by the routing rules
     * @description The service line and the local network where it was taken go in troubleTicketCharacteristic (serviceLine, takenInLocalNetwork); relatedParty names the customer (and a reporter); relatedEntity the ProductOrder or Product concerned.
     */
    post: {
      parameters: {
        query?: never;
        header?: {
          'idempotency-key'?: string;
        };
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': components['schemas']['TroubleTicket_FVO'];
        };
      };
      responses: {
        /** @description created (Location: its absolute href) */
        201: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['TroubleTicketV5'];
          };
        };
        /** @description Problem */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description the Idempotency-Key was used for a different request */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content?: never;
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/tmf-api/troubleTicket/v5/troubleTicket/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A trouble ticket (fields selects first-level attributes) */
    get: {
      parameters: {
        query?: {
          /** @description Comma-separated first-level attributes to return (id, href and @type always come) */
          fields?: string;
        };
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description the trouble ticket */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['TroubleTicketV5'];
          };
        };
        /** @description Problem */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description no such trouble ticket */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content?: never;
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    /**
     * Change status, priority or notes (application/merge-patch+json, TroubleTicket_MVO)
     * @description status resolved approves the departments' receipts, closed records the customer satisfied, inProgress answers for the customer while pending or reopens a resolved or closed ticket (statusChangeReason needed), pending waits on the customer, cancelled cancels. 409 in a wrong state.
     */
    patch: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/merge-patch+json': components['schemas']['TroubleTicket_MVO'];
          'application/json': components['schemas']['TroubleTicket_MVO'];
        };
      };
      responses: {
        /** @description the trouble ticket after the change */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['TroubleTicketV5'];
          };
        };
        /** @description Problem */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description wrong state */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content?: never;
        };
      };
    };
    trace?: never;
  };
  '/customer': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Find customers by service number, customer id, name prefix or ID number, in the caller’s local networks (ID numbers masked)
     * @description At least one criterion; several must all hold. Customers of other home local networks are not found, except by the call centre with exact identifiers only (no name): a roaming customer calls from another network. At most 20 a page, by id; X-Total-Count counts up to 1000.
     */
    get: {
      parameters: {
        query?: {
          /** @description A subscription's service id: a phone number (13912345678, 041182345678) or a broadband line id (AD0411…); exact */
          serviceNumber?: string;
          /** @description The customer id, exact */
          customerId?: string;
          /** @description The name's beginning, case-insensitive */
          name?: string;
          /** @description The full ID-card or business-licence number, exact (answers show it masked) */
          idNumber?: string;
          limit?: number;
          offset?: number;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description the customers found, by id */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['CustomerSearchResult'][];
          };
        };
        /** @description Problem */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/callbacks': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Callbacks due: work orders whose receipt the centre reviews and whose customer it calls back, soonest callback deadline first
     * @description In the caller’s local networks (handling or taking), phases receiptReturned, reviewed, customerNotified and unsatisfied; each with the actions the caller may take now (approve or sendBack, recordSatisfaction, reopen) through POST /troubleTicket/{id}/event. A callback task (once the customer was told) has its deadline (per customer tier, on the work order’s SLA clock) and an overdue flag: those first, soonest deadline first, then the rest oldest resolution first. X-Total-Count has the total.
     */
    get: {
      parameters: {
        query?: {
          /** @description One customer's callbacks (the customer on the phone) */
          customerId?: string;
          limit?: number;
          offset?: number;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description a page of callbacks due */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['CallbackEntry'][];
          };
        };
        /** @description Problem */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/customer/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Customer 360: accounts with their last six bills and payments, subscriptions, open and recent orders, open work orders, balance */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description the customer */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Customer360'];
          };
        };
        /** @description Problem */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description no such customer */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content?: never;
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/customer/{id}/payment': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Take a payment or a prepaid top-up at the counter; a line barred for arrears is resumed when it settles them
     * @description Recorded by billing once per Idempotency-Key (a repeat answers the same payment). A payment settles the account's open bills, oldest first; a top-up is prepaid credit. When the account has a dunning case open (its lines barred for arrears), the case is told at once and places the resumption order as soon as billing says the arrears are paid (otherwise it sees the payment at its next check).
     */
    post: {
      parameters: {
        query?: never;
        header: {
          /** @description One payment per key: a repeat (double click, retry) answers the same payment */
          'idempotency-key': string;
        };
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': components['schemas']['CustomerPaymentInput'];
        };
      };
      responses: {
        /** @description the payment as billing recorded it */
        201: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['CustomerPayment'];
          };
        };
        /** @description Problem */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description no such customer */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content?: never;
        };
        /** @description billing refused it */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content?: never;
        };
        /** @description the account is not the customer’s */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content?: never;
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/reports/daily': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Daily operations report: orders and work orders per local network, department or role; work orders per category or channel
     * @description One row per China business day and group. Orders: received by state and service line, finished by final state, lead time p50/p90 of those completed, backlog at the end of the day. Work orders: received, SLA met/missed and compliance (last receipt of the round vs the resolve-by deadline), receipts and average handling time (dispatch → receipt), backlog, escalations, reopens, closed and reopen rate (share of the closed that had been reopened); per department, of the backlog those overdue; per local network, the call centre’s callbacks and quality checks. Per role: what each role did. Per category (the top-level branch of the category tree, `uncategorized` without one) and per channel (how it came in): the work orders handled in the reader's local networks, figured as per local network; orders are null. Department staff see their own department only.
     */
    get: {
      parameters: {
        query: {
          /** @description First business day (China Standard Time), included */
          from: string;
          /** @description Last business day, included; at most 31 days after from */
          to: string;
          groupBy?: 'localNetwork' | 'department' | 'role' | 'category' | 'channel';
          format?: 'json' | 'csv';
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description the report (JSON, or text/csv with format=csv) */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['DailyReport'];
          };
        };
        /** @description Problem */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/qualityChecks': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Quality checks (抽查): sampled closed work orders to call again (due), or those recorded (done)
     * @description A share of the closed work orders of each local network (its rules’ qualityCheckShare; 0.1 unless set) is sampled by the work order’s id. In the caller’s local networks (handling or taking). X-Total-Count has the total.
     */
    get: {
      parameters: {
        query?: {
          /** @description due: to call (oldest close first); done: recorded (latest first); all */
          state?: 'due' | 'done' | 'all';
          /** @description One local network of the caller’s (handling or taking); 403 outside the scope */
          localNetwork?:
            | 'shenyang'
            | 'dalian'
            | 'anshan'
            | 'fushun'
            | 'benxi'
            | 'dandong'
            | 'jinzhou'
            | 'yingkou'
            | 'fuxin'
            | 'liaoyang'
            | 'panjin'
            | 'tieling'
            | 'chaoyang'
            | 'huludao';
          /** @description One customer's checks (the customer on the phone) */
          customerId?: string;
          limit?: number;
          offset?: number;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description a page of quality checks */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['QualityCheckEntry'][];
          };
        };
        /** @description Problem */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/troubleTicket/{id}/qualityCheck': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Record the result of a sampled work order’s quality check (satisfied, unsatisfied or unreachable), once
     * @description 409 when the work order was not sampled, is not closed (reopened meanwhile), or its check was already recorded with another result; a repeat of the recorded result and note answers the check as it is (safe to retry). An unsatisfied customer is for the centre to act on (a reopen, within its window).
     */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': components['schemas']['QualityCheckInput'];
        };
      };
      responses: {
        /** @description the check as recorded */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['QualityCheck'];
          };
        };
        /** @description Problem */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description no such work order */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content?: never;
        };
        /** @description not sampled, not closed, or already recorded */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content?: never;
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/workOrderCategory': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The complaint category tree (投诉分类): what a complaint or fault report is about
     * @description Complaints and fault reports name a node at level 2 or deeper (`selectable`) as `category` (TMF621 v5: the characteristic `category`). Ids are stable; a routing rule or SLA policy naming a node covers its whole branch.
     */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description the tree, top-level branches first */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['WorkOrderCategoryTree'];
          };
        };
        /** @description Problem */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/supervision/worklist': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The supervisor board: open work orders of the supervisor's local networks, soonest deadline first; overdue, about to breach, escalated
     * @description One entry per open assignment (a work order held by two departments is listed twice). Filters combine: due=overdue|soon, escalated, handOver, localNetwork, department. Without due or escalated, every open assignment in scope. X-Total-Count has the total.
     */
    get: {
      parameters: {
        query?: {
          /** @description overdue: past the deadline; soon: past the SLA urge mark, deadline still ahead. Unset: either or neither */
          due?: 'overdue' | 'soon';
          /** @description Escalated above the city level (true) or not (false) */
          escalated?: 'true' | 'false';
          /** @description Handed over to the national centre for coordination by the province centre (true: the national centre's assignments of those), or not (false) */
          handOver?: 'true' | 'false';
          /** @description Only this local network (403 when it is not one the supervisor watches) */
          localNetwork?:
            | 'shenyang'
            | 'dalian'
            | 'anshan'
            | 'fushun'
            | 'benxi'
            | 'dandong'
            | 'jinzhou'
            | 'yingkou'
            | 'fuxin'
            | 'liaoyang'
            | 'panjin'
            | 'tieling'
            | 'chaoyang'
            | 'huludao';
          /** @description Only the work orders this department holds */
          department?:
            | 'shenyang-service-centre'
            | 'shenyang-installation'
            | 'shenyang-network-maintenance'
            | 'shenyang-billing-service'
            | 'shenyang-customer-care'
            | 'shenyang-broadband-support'
            | 'shenyang-enterprise-service'
            | 'dalian-service-centre'
            | 'dalian-installation'
            | 'dalian-network-maintenance'
            | 'dalian-billing-service'
            | 'dalian-customer-care'
            | 'dalian-broadband-support'
            | 'dalian-enterprise-service'
            | 'anshan-service-centre'
            | 'anshan-installation'
            | 'anshan-network-maintenance'
            | 'anshan-billing-service'
            | 'anshan-customer-care'
            | 'anshan-broadband-support'
            | 'anshan-enterprise-service'
            | 'fushun-service-centre'
            | 'fushun-installation'
            | 'fushun-network-maintenance'
            | 'fushun-billing-service'
            | 'fushun-customer-care'
            | 'fushun-broadband-support'
            | 'fushun-enterprise-service'
            | 'benxi-service-centre'
            | 'benxi-installation'
            | 'benxi-network-maintenance'
            | 'benxi-billing-service'
            | 'benxi-customer-care'
            | 'benxi-broadband-support'
            | 'benxi-enterprise-service'
            | 'dandong-service-centre'
            | 'dandong-installation'
            | 'dandong-network-maintenance'
            | 'dandong-billing-service'
            | 'dandong-customer-care'
            | 'dandong-broadband-support'
            | 'dandong-enterprise-service'
            | 'jinzhou-service-centre'
            | 'jinzhou-installation'
            | 'jinzhou-network-maintenance'
            | 'jinzhou-billing-service'
            | 'jinzhou-customer-care'
            | 'jinzhou-broadband-support'
            | 'jinzhou-enterprise-service'
            | 'yingkou-service-centre'
            | 'yingkou-installation'
            | 'yingkou-network-maintenance'
            | 'yingkou-billing-service'
            | 'yingkou-customer-care'
            | 'yingkou-broadband-support'
            | 'yingkou-enterprise-service'
            | 'fuxin-service-centre'
            | 'fuxin-installation'
            | 'fuxin-network-maintenance'
            | 'fuxin-billing-service'
            | 'fuxin-customer-care'
            | 'fuxin-broadband-support'
            | 'fuxin-enterprise-service'
            | 'liaoyang-service-centre'
            | 'liaoyang-installation'
            | 'liaoyang-network-maintenance'
            | 'liaoyang-billing-service'
            | 'liaoyang-customer-care'
            | 'liaoyang-broadband-support'
            | 'liaoyang-enterprise-service'
            | 'panjin-service-centre'
            | 'panjin-installation'
            | 'panjin-network-maintenance'
            | 'panjin-billing-service'
            | 'panjin-customer-care'
            | 'panjin-broadband-support'
            | 'panjin-enterprise-service'
            | 'tieling-service-centre'
            | 'tieling-installation'
            | 'tieling-network-maintenance'
            | 'tieling-billing-service'
            | 'tieling-customer-care'
            | 'tieling-broadband-support'
            | 'tieling-enterprise-service'
            | 'chaoyang-service-centre'
            | 'chaoyang-installation'
            | 'chaoyang-network-maintenance'
            | 'chaoyang-billing-service'
            | 'chaoyang-customer-care'
            | 'chaoyang-broadband-support'
            | 'chaoyang-enterprise-service'
            | 'huludao-service-centre'
            | 'huludao-installation'
            | 'huludao-network-maintenance'
            | 'huludao-billing-service'
            | 'huludao-customer-care'
            | 'huludao-broadband-support'
            | 'huludao-enterprise-service'
            | 'liaoning-service-centre'
            | 'liaoning-network-operations'
            | 'national-service-centre';
          limit?: number;
          offset?: number;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description a page of the board; X-Total-Count has the total */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['WorklistEntry'][];
          };
        };
        /** @description Problem */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/supervision/supervised': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Supervised work orders (督办) of the supervisor's local networks: those awaiting the department's written reply first, soonest deadline first
     * @description One entry per supervision. Filters combine: status=awaiting|overdue|replied, level (of the supervisor who placed it), mine (placed by the caller), localNetwork (403 outside the watched networks). X-Total-Count has the total.
     */
    get: {
      parameters: {
        query?: {
          /** @description awaiting: the department's written reply not in yet; overdue: not in and past its deadline; replied. Unset: all */
          status?: 'awaiting' | 'overdue' | 'replied';
          /** @description Placed by a supervisor of this level (city, province or national centre) */
          level?: 'city' | 'province' | 'national';
          /** @description Only those the caller placed */
          mine?: 'true' | 'false';
          /** @description Only this local network (403 when it is not one the supervisor watches) */
          localNetwork?:
            | 'shenyang'
            | 'dalian'
            | 'anshan'
            | 'fushun'
            | 'benxi'
            | 'dandong'
            | 'jinzhou'
            | 'yingkou'
            | 'fuxin'
            | 'liaoyang'
            | 'panjin'
            | 'tieling'
            | 'chaoyang'
            | 'huludao';
          limit?: number;
          offset?: number;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description a page of supervisions; X-Total-Count has the total */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['SupervisedEntry'][];
          };
        };
        /** @description Problem */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/supervision/counts': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** How many open work orders of the supervisor's local networks are overdue, about to breach and escalated (the board's tabs) */
    get: {
      parameters: {
        query?: {
          /** @description Only this local network (403 when it is not one the supervisor watches) */
          localNetwork?:
            | 'shenyang'
            | 'dalian'
            | 'anshan'
            | 'fushun'
            | 'benxi'
            | 'dandong'
            | 'jinzhou'
            | 'yingkou'
            | 'fuxin'
            | 'liaoyang'
            | 'panjin'
            | 'tieling'
            | 'chaoyang'
            | 'huludao';
          /** @description Only the work orders this department holds */
          department?:
            | 'shenyang-service-centre'
            | 'shenyang-installation'
            | 'shenyang-network-maintenance'
            | 'shenyang-billing-service'
            | 'shenyang-customer-care'
            | 'shenyang-broadband-support'
            | 'shenyang-enterprise-service'
            | 'dalian-service-centre'
            | 'dalian-installation'
            | 'dalian-network-maintenance'
            | 'dalian-billing-service'
            | 'dalian-customer-care'
            | 'dalian-broadband-support'
            | 'dalian-enterprise-service'
            | 'anshan-service-centre'
            | 'anshan-installation'
            | 'anshan-network-maintenance'
            | 'anshan-billing-service'
            | 'anshan-customer-care'
            | 'anshan-broadband-support'
            | 'anshan-enterprise-service'
            | 'fushun-service-centre'
            | 'fushun-installation'
            | 'fushun-network-maintenance'
            | 'fushun-billing-service'
            | 'fushun-customer-care'
            | 'fushun-broadband-support'
            | 'fushun-enterprise-service'
            | 'benxi-service-centre'
            | 'benxi-installation'
            | 'benxi-network-maintenance'
            | 'benxi-billing-service'
            | 'benxi-customer-care'
            | 'benxi-broadband-support'
            | 'benxi-enterprise-service'
            | 'dandong-service-centre'
            | 'dandong-installation'
            | 'dandong-network-maintenance'
            | 'dandong-billing-service'
            | 'dandong-customer-care'
            | 'dandong-broadband-support'
            | 'dandong-enterprise-service'
            | 'jinzhou-service-centre'
            | 'jinzhou-installation'
            | 'jinzhou-network-maintenance'
            | 'jinzhou-billing-service'
            | 'jinzhou-customer-care'
            | 'jinzhou-broadband-support'
            | 'jinzhou-enterprise-service'
            | 'yingkou-service-centre'
            | 'yingkou-installation'
            | 'yingkou-network-maintenance'
            | 'yingkou-billing-service'
            | 'yingkou-customer-care'
            | 'yingkou-broadband-support'
            | 'yingkou-enterprise-service'
            | 'fuxin-service-centre'
            | 'fuxin-installation'
            | 'fuxin-network-maintenance'
            | 'fuxin-billing-service'
            | 'fuxin-customer-care'
            | 'fuxin-broadband-support'
            | 'fuxin-enterprise-service'
            | 'liaoyang-service-centre'
            | 'liaoyang-installation'
            | 'liaoyang-network-maintenance'
            | 'liaoyang-billing-service'
            | 'liaoyang-customer-care'
            | 'liaoyang-broadband-support'
            | 'liaoyang-enterprise-service'
            | 'panjin-service-centre'
            | 'panjin-installation'
            | 'panjin-network-maintenance'
            | 'panjin-billing-service'
            | 'panjin-customer-care'
            | 'panjin-broadband-support'
            | 'panjin-enterprise-service'
            | 'tieling-service-centre'
            | 'tieling-installation'
            | 'tieling-network-maintenance'
            | 'tieling-billing-service'
            | 'tieling-customer-care'
            | 'tieling-broadband-support'
            | 'tieling-enterprise-service'
            | 'chaoyang-service-centre'
            | 'chaoyang-installation'
            | 'chaoyang-network-maintenance'
            | 'chaoyang-billing-service'
            | 'chaoyang-customer-care'
            | 'chaoyang-broadband-support'
            | 'chaoyang-enterprise-service'
            | 'huludao-service-centre'
            | 'huludao-installation'
            | 'huludao-network-maintenance'
            | 'huludao-billing-service'
            | 'huludao-customer-care'
            | 'huludao-broadband-support'
            | 'huludao-enterprise-service'
            | 'liaoning-service-centre'
            | 'liaoning-network-operations'
            | 'national-service-centre';
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description the counts */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['BoardCounts'];
          };
        };
        /** @description Problem */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/department': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Departments in the caller's scope: the city departments of their local networks, and the province and national centres
     * @description What a work order can be transferred to. With localNetwork (403 outside the scope), only that local network's city departments and the centres.
     */
    get: {
      parameters: {
        query?: {
          /** @description Only this local network's city departments, with the province and national centres */
          localNetwork?:
            | 'shenyang'
            | 'dalian'
            | 'anshan'
            | 'fushun'
            | 'benxi'
            | 'dandong'
            | 'jinzhou'
            | 'yingkou'
            | 'fuxin'
            | 'liaoyang'
            | 'panjin'
            | 'tieling'
            | 'chaoyang'
            | 'huludao';
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description the departments, city ones first */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Department'][];
          };
        };
        /** @description Problem */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/customer/{id}/accountManager': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    /**
     * Assign the customer's account manager (客户经理), replacing any other
     * @description The work orders taken for the customer from then on name the manager (told of each; may read, note and urge them); those already taken keep theirs. 400 when the staff account is missing, disabled, not an account manager or not working in the customer’s local network.
     */
    put: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            /** @description The staff account of the account manager: role account-manager, working in the customer’s local network */
            username: string;
          };
        };
      };
      responses: {
        /** @description assigned */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['AccountManagerAssignment'];
          };
        };
        /** @description Problem */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description no such customer */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content?: never;
        };
      };
    };
    post?: never;
    /** The customer no longer has an account manager */
    delete: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description none assigned any more */
        204: {
          headers: {
            [name: string]: unknown;
          };
          content?: never;
        };
        /** @description Problem */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description the customer has no account manager */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content?: never;
        };
      };
    };
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/accountManager/customers': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The customers the caller looks after as their account manager, by name */
    get: {
      parameters: {
        query?: {
          limit?: number;
          offset?: number;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description a page of customers; X-Total-Count has the total */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ManagedCustomer'][];
          };
        };
        /** @description Problem */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/audit/search': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Find orders or work orders to audit: by id (or its beginning), customer, local network and creation dates, newest first */
    get: {
      parameters: {
        query?: {
          /** @description Orders (the default) or work orders */
          kind?: 'order' | 'workOrder';
          /** @description The order's or work order's id, or its beginning */
          id?: string;
          customerId?: string;
          /** @description The order's local network; a work order's handling or taking one */
          localNetwork?:
            | 'shenyang'
            | 'dalian'
            | 'anshan'
            | 'fushun'
            | 'benxi'
            | 'dandong'
            | 'jinzhou'
            | 'yingkou'
            | 'fuxin'
            | 'liaoyang'
            | 'panjin'
            | 'tieling'
            | 'chaoyang'
            | 'huludao';
          /** @description created at or after */
          from?: string;
          /** @description created before */
          to?: string;
          limit?: number;
          offset?: number;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description a page of orders or work orders; X-Total-Count has the total */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['AuditSearchHit'][];
          };
        };
        /** @description Problem */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/productOrder/{id}/auditTrail': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** An order's audit trail: who did what, when, with which result, read from its workflow history */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description the audit trail */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['AuditTrail'];
          };
        };
        /** @description Problem */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description no such order */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content?: never;
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/troubleTicket/{id}/auditTrail': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A work order's audit trail: who did what, when, with which result, read from its workflow history */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description the audit trail */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['AuditTrail'];
          };
        };
        /** @description Problem */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description no such work order */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content?: never;
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/productOrder/{id}/history': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** An order's workflow history as a file (the latest run), in the format `npm run audit:replay` reads */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description the history (Content-Disposition: attachment) */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['WorkflowHistory'];
          };
        };
        /** @description Problem */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description no such order */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content?: never;
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/troubleTicket/{id}/history': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A work order's workflow history as a file (the latest run), in the format `npm run audit:replay` reads */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description the history (Content-Disposition: attachment) */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['WorkflowHistory'];
          };
        };
        /** @description Problem */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description no such work order */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content?: never;
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/audit/replay': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Replay an order's or a work order's workflow history (the latest run) against the workflow code now deployed
     * @description The server fetches the history from Temporal and replays it with the bundle its worker runs. ok false with the error when the deployed code would not take the same steps (a nondeterminism). One replay at a time per API process, a few waiting: 429 with Retry-After beyond; 503 when a replay takes too long or the code cannot be bundled.
     */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': components['schemas']['AuditReplayInput'];
        };
      };
      responses: {
        /** @description the outcome of the replay */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['AuditReplayResult'];
          };
        };
        /** @description Problem */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description no such order or work order */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content?: never;
        };
        /** @description replays are queued up; see Retry-After */
        429: {
          headers: {
            [name: string]: unknown;
          };
          content?: never;
        };
        /** @description the replay took too long, or the workflow code could not be bundled */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content?: never;
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/system/links': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Where the workbench links to: each order's and work order's workflow in the Temporal Web UI */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description the links */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['SystemLinks'];
          };
        };
        /** @description Problem */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/system/status': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * System status for operations: readiness of each component, the task queue, the worker's recent failures
     * @description Components: Temporal (the namespace), the database and each adapter's system (GET /healthz of its base URL), each up or down with its latency. The task queue (TEMPORAL_TASK_QUEUE): pollers and backlog of its workflow and activity sides (DescribeTaskQueue with statistics). Recent failures, from Temporal's visibility: workflows on the queue closed failed, timed out or terminated in the last 24 h (count and the latest 10, with the reason), and the retrying activities and workflow tasks of the 25 most recently started running workflows. Always 200 (a component down is in the answer); one answer serves all callers for 3 s.
     */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description the status */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['SystemStatus'];
          };
        };
        /** @description Problem */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/calendar/holidays': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The holiday arrangements loaded, by year, and the years missing */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description every loaded year */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['HolidayYears'];
          };
        };
        /** @description Problem */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/calendar/holidays/{year}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A year's holiday arrangement */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          year: number;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description the year */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['HolidayYear'];
          };
        };
        /** @description Problem */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description not loaded (counted as plain weekdays) */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content?: never;
        };
      };
    };
    /**
     * Load a year's holiday arrangement (the State Council's notice)
     * @description Idempotent: the same data again changes nothing. Work orders taken from now on count with it; running ones keep the arrangements they took. Existing dunning schedules get the new days.
     */
    put: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          year: number;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            holidays: {
              name: string;
              from: string;
              to: string;
            }[];
            makeUpWorkdays: string[];
            /** @description Where the data comes from, e.g. the notice’s title and number */
            source?: string;
          };
        };
      };
      responses: {
        /** @description replaced, or unchanged */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              year: number;
              holidays: {
                name: string;
                from: string;
                to: string;
              }[];
              /** @description Working days on a weekend (调休上班) */
              makeUpWorkdays: string[];
              source?: string;
              loadedBy: string;
              loadedAt: string;
              /** @description false: the same data was loaded already (nothing changed) */
              changed: boolean;
              /** @description Dunning schedules given the new days */
              dunningSchedulesUpdated: number;
            };
          };
        };
        /** @description loaded for the first time */
        201: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              year: number;
              holidays: {
                name: string;
                from: string;
                to: string;
              }[];
              /** @description Working days on a weekend (调休上班) */
              makeUpWorkdays: string[];
              source?: string;
              loadedBy: string;
              loadedAt: string;
              /** @description false: the same data was loaded already (nothing changed) */
              changed: boolean;
              /** @description Dunning schedules given the new days */
              dunningSchedulesUpdated: number;
            };
          };
        };
        /** @description Problem */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/tmf-api/productOrderingManagement/v5/hub': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Subscribe to TMF622 events (ProductOrderCreateEvent, ProductOrderStateChangeEvent, CancelProductOrderCreateEvent, CancelProductOrderStateChangeEvent) of the resources the caller may read
     * @description Each event is POSTed to the callback, signed: X-Event-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>" with the secret answered here, once>. At least once (X-Event-Id / eventId tell duplicates), in order per resource; retried with backoff for EVENT_RETRY_FOR_SECONDS.
     */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': components['schemas']['Hub_FVO'];
        };
      };
      responses: {
        /** @description subscribed; Location names the subscription */
        201: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Hub'];
          };
        };
        /** @description Problem */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description the caller has EVENT_SUBSCRIPTIONS_PER_CALLER subscriptions to this API already */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content?: never;
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/tmf-api/productOrderingManagement/v5/hub/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    /** End one of the caller's TMF622 event subscriptions (404 for any other) */
    delete: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description unsubscribed; nothing more is sent to it */
        204: {
          headers: {
            [name: string]: unknown;
          };
          content?: never;
        };
        /** @description Problem */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description the caller has no such subscription */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content?: never;
        };
      };
    };
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/tmf-api/troubleTicket/v5/hub': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Subscribe to TMF621 events (TroubleTicketCreateEvent, TroubleTicketStatusChangeEvent, TroubleTicketResolvedEvent, TroubleTicketInformationRequiredEvent) of the resources the caller may read
     * @description Each event is POSTed to the callback, signed: X-Event-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>" with the secret answered here, once>. At least once (X-Event-Id / eventId tell duplicates), in order per resource; retried with backoff for EVENT_RETRY_FOR_SECONDS.
     */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': components['schemas']['Hub_FVO'];
        };
      };
      responses: {
        /** @description subscribed; Location names the subscription */
        201: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Hub'];
          };
        };
        /** @description Problem */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description the caller has EVENT_SUBSCRIPTIONS_PER_CALLER subscriptions to this API already */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content?: never;
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/tmf-api/troubleTicket/v5/hub/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    /** End one of the caller's TMF621 event subscriptions (404 for any other) */
    delete: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description unsubscribed; nothing more is sent to it */
        204: {
          headers: {
            [name: string]: unknown;
          };
          content?: never;
        };
        /** @description Problem */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Problem */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description the caller has no such subscription */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content?: never;
        };
      };
    };
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/metrics': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Prometheus metrics of the API process (see the README, section Metrics) */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description metrics in the Prometheus text format */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'text/plain': string;
          };
        };
        /** @description Problem */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
}
export type webhooks = Record<string, never>;
export interface components {
  schemas: {
    Problem: {
      type: string;
      title: string;
      status: number;
      detail?: string;
      instance?: string;
      requestId?: string;
      errors?: {
        field: string;
        message: string;
        code?: string;
      }[];
      /** @description TMF Error: the title as a code, e.g. BAD_REQUEST */
      code: string;
      /** @description TMF Error: the title */
      reason: string;
      /** @description TMF Error: the detail */
      message?: string;
      /** @enum {string} */
      '@type': 'Error';
    };
    Readiness: {
      /** @enum {string} */
      status: 'ready' | 'not ready';
      checks: {
        temporal: {
          /** @enum {string} */
          status: 'up' | 'down';
          latencyMs: number;
          error?: string;
        };
        database: {
          /** @enum {string} */
          status: 'up' | 'down';
          latencyMs: number;
          error?: string;
        };
      };
      /** @description Still ready, but someone should act: e.g. a year without holidays loaded */
      warnings: {
        check: string;
        message: string;
        /** @description calendar: the years without a holiday arrangement */
        years?: number[];
      }[];
    };
    Session: {
      user: components['schemas']['SessionUser'];
      /** @description Also in the telecom_csrf cookie: send it as X-CSRF-Token on every write authenticated by the session cookie */
      csrfToken: string;
      /**
       * Format: date-time
       * @description When the session ends (the cookie and its token expire)
       */
      expiresAt: string;
    };
    SessionUser: {
      /** @description The principal's sub */
      username: string;
      displayName: string;
      roles: ('order-entry' | 'call-centre' | 'agent' | 'department' | 'supervisor' | 'ops' | 'auditor' | 'admin' | 'account-manager')[];
      /** @description '*' for all local networks */
      localNetworks: '*' | string[];
      department?: string;
      /** @enum {string} */
      level?: 'city' | 'province' | 'national';
      agentId?: string;
    };
    LoginInput: {
      username: string;
      password: string;
    };
    StaffAccount: {
      username: string;
      displayName: string;
      roles: ('order-entry' | 'call-centre' | 'agent' | 'department' | 'supervisor' | 'ops' | 'auditor' | 'admin' | 'account-manager')[];
      localNetworks: '*' | string[];
      department?: string;
      /** @enum {string} */
      level?: 'city' | 'province' | 'national';
      agentId?: string;
      org?: string;
      disabled: boolean;
      /** Format: date-time */
      createdAt: string;
      /** Format: date-time */
      updatedAt: string;
    };
    StaffAccount_Create: {
      username: string;
      displayName: string;
      password: string;
      roles: ('order-entry' | 'call-centre' | 'agent' | 'department' | 'supervisor' | 'ops' | 'auditor' | 'admin' | 'account-manager')[];
      /** @default [] */
      localNetworks: '*' | string[];
      department?: string;
      agentId?: string;
      /** @enum {string} */
      level?: 'city' | 'province' | 'national';
      org?: string;
    };
    /** @description Disabling it, a new password or new scopes (every role and scope at once) end its sessions. */
    StaffAccount_Update: {
      displayName?: string;
      disabled?: boolean;
      password?: string;
      scopes?: {
        roles: ('order-entry' | 'call-centre' | 'agent' | 'department' | 'supervisor' | 'ops' | 'auditor' | 'admin' | 'account-manager')[];
        /** @default [] */
        localNetworks: '*' | string[];
        department?: string;
        agentId?: string;
        /** @enum {string} */
        level?: 'city' | 'province' | 'national';
        org?: string;
      };
    };
    /** @description An order as the root paths answer it (TMF622-shaped; the v5 API has its own ProductOrder) */
    Order: {
      id: string;
      href: string;
      externalId?: string;
      state: string;
      stateReason?: string;
      channel: string;
      localNetwork: string;
      agentId?: string;
      relatedParty: {
        id: string;
        role: string;
      }[];
      orderTotalPrice?: {
        oneOffCents: number;
        recurringCents: number;
        currency: string;
      };
      productOrderItem: components['schemas']['ProductOrderItem'][];
      creationDate: string;
      lastUpdate: string;
      completionDate?: string;
      /** @description GET /productOrder/{id} only: whether the reader may cancel the order now, and if not why */
      cancellation?: components['schemas']['OrderActionCheck'];
    };
    ProductOrderItem: {
      id: string;
      /** @enum {string} */
      action: 'add' | 'modify' | 'delete' | 'move';
      productOffering: {
        id: string;
      };
      /**
       * @description Known once the order is validated
       * @enum {string}
       */
      serviceLine?: 'fixed_line' | 'phs' | 'broadband' | 'gsm_mobile' | 'gsm_prepaid' | 'ip_phone' | 'long_distance' | 'value_added';
      state: string;
      steps?: {
        /** @enum {string} */
        reserveResources: 'pending' | 'running' | 'done' | 'skipped' | 'failed' | 'compensating' | 'compensated';
        /** @enum {string} */
        configureNetwork: 'pending' | 'running' | 'done' | 'skipped' | 'failed' | 'compensating' | 'compensated';
        /** @enum {string} */
        fieldInstallation: 'pending' | 'running' | 'done' | 'skipped' | 'failed' | 'compensating' | 'compensated';
        /** @enum {string} */
        activateBilling: 'pending' | 'running' | 'done' | 'skipped' | 'failed' | 'compensating' | 'compensated';
      };
      product?: {
        id?: string;
      };
      workOrderId?: string;
      failure?: {
        step: string;
        code: string;
        message: string;
      };
      /** @description The items of the order this one waits for (dependent items): it starts once they are completed */
      productOrderItemRelationship?: {
        id: string;
        /** @enum {string} */
        relationshipType: 'dependsOn' | 'reliesOn';
      }[];
      /** @description GET /productOrder/{id} only: whether the reader may amend this item now, and if not why */
      amendment?: components['schemas']['OrderActionCheck'];
    };
    OrderActionCheck: {
      allowed: boolean;
      code?: string;
      reason?: string;
    };
    ProductOrderInput: {
      /** @description Caller reference; a repeat returns the same order */
      externalId?: string;
      description?: string;
      /** @enum {string} */
      channel: 'shop' | 'call_centre' | 'web' | 'agent';
      /** @enum {string} */
      localNetwork:
        | 'shenyang'
        | 'dalian'
        | 'anshan'
        | 'fushun'
        | 'benxi'
        | 'dandong'
        | 'jinzhou'
        | 'yingkou'
        | 'fuxin'
        | 'liaoyang'
        | 'panjin'
        | 'tieling'
        | 'chaoyang'
        | 'huludao';
      agentId?: string;
      relatedParty: {
        id: string;
        /** @enum {string} */
        role: 'customer';
      }[];
      /** Format: date-time */
      requestedStartDate?: string;
      /** @description Deposit collected at order entry, where the local network asks for one */
      depositPaidCents?: number;
      productOrderItem: components['schemas']['ProductOrderItemInput'][];
    };
    ProductOrderItemInput: {
      /** @description Item id, unique within the order (e.g. "1") */
      id: string;
      /** @enum {string} */
      action: 'add' | 'modify' | 'delete' | 'move';
      /**
       * @description One service instance per item
       * @default 1
       */
      quantity: number;
      productOffering: {
        id: string;
      };
      product?: {
        /** @description Existing subscription, for modify / delete / move */
        id?: string;
        characteristic?: {
          name: string;
          value: string | number | boolean;
        }[];
        /**
         * @description modify only: suspended suspends the subscription (停机), active resumes a suspended one (复机)
         * @enum {string}
         */
        status?: 'active' | 'suspended';
        /** @description modify only: the new owner of an ownership transfer (过户); give their ID number as the characteristic ownerIdNumber */
        relatedParty?: {
          id: string;
          /** @enum {string} */
          role: 'owner' | 'customer';
        }[];
        /** @description modify with a new owner: the new owner's account to bill (default: their first) */
        billingAccount?: {
          id: string;
        };
      };
      /** @description Items of this order this one depends on (e.g. a data pack on the order's new mobile line): it starts once they are in service, and is not started when one fails. What an offering may depend on is its template's (see the catalog) */
      productOrderItemRelationship?: {
        id: string;
        /** @enum {string} */
        relationshipType: 'dependsOn' | 'reliesOn';
      }[];
    };
    CancelProductOrderInput: {
      productOrder: {
        id: string;
      };
      cancellationReason: string;
    };
    AmendItemInput: {
      productOffering?: {
        id: string;
      };
      product?: {
        characteristic: {
          name: string;
          value: string | number | boolean;
        }[];
      };
    };
    Quote: {
      items: {
        itemId?: string;
        offeringId: string;
        lines: {
          policyId: string;
          kind: string;
          description: string;
          amountCents: number;
        }[];
        oneOffCents: number;
        recurringCents: number;
      }[];
      totalOneOffCents: number;
      totalRecurringCents: number;
      currency: string;
      explanation: string[];
    };
    QuoteInput: {
      description?: string;
      /** @enum {string} */
      channel: 'shop' | 'call_centre' | 'web' | 'agent';
      /** @enum {string} */
      localNetwork:
        | 'shenyang'
        | 'dalian'
        | 'anshan'
        | 'fushun'
        | 'benxi'
        | 'dandong'
        | 'jinzhou'
        | 'yingkou'
        | 'fuxin'
        | 'liaoyang'
        | 'panjin'
        | 'tieling'
        | 'chaoyang'
        | 'huludao';
      agentId?: string;
      relatedParty: {
        id: string;
        /** @enum {string} */
        role: 'customer';
      }[];
      /** Format: date-time */
      requestedStartDate?: string;
      /** @description Deposit collected at order entry, where the local network asks for one */
      depositPaidCents?: number;
      productOrderItem: components['schemas']['ProductOrderItemInput'][];
    };
    ProductOrder: {
      id: string;
      href: string;
      '@type': string;
      state: string;
      productOrderItem: ({
        id: string;
      } & {
        [key: string]: unknown;
      })[];
    } & {
      [key: string]: unknown;
    };
    ProductOrder_FVO: {
      '@type'?: string;
      '@baseType'?: string;
      '@schemaLocation'?: string;
      category?: string;
      description?: string;
      priority?: string;
      notificationContact?: string;
      /**
       * @description draft: priced and kept, not started until PATCHed to acknowledged
       * @enum {string}
       */
      requestedInitialState?: 'acknowledged' | 'draft';
      /** Format: date-time */
      requestedStartDate?: string;
      /** Format: date-time */
      requestedCompletionDate?: string;
      externalId?: {
        id: string;
        owner?: string;
        externalIdentifierType?: string;
        '@type'?: string;
        '@baseType'?: string;
        '@schemaLocation'?: string;
      }[];
      channel?: {
        role: string;
        channel: {
          id: string;
          href?: string;
          name?: string;
          '@referredType'?: string;
          version?: string;
          '@type'?: string;
          '@baseType'?: string;
          '@schemaLocation'?: string;
        };
        '@type'?: string;
        '@baseType'?: string;
        '@schemaLocation'?: string;
      }[];
      relatedParty?: {
        role: string;
        partyOrPartyRole: {
          id: string;
          href?: string;
          name?: string;
          '@referredType'?: string;
          version?: string;
          '@type'?: string;
          '@baseType'?: string;
          '@schemaLocation'?: string;
        };
        '@type'?: string;
        '@baseType'?: string;
        '@schemaLocation'?: string;
      }[];
      billingAccount?: {
        id: string;
        href?: string;
        name?: string;
        '@referredType'?: string;
        version?: string;
        '@type'?: string;
        '@baseType'?: string;
        '@schemaLocation'?: string;
      };
      note?: {
        id?: string;
        author?: string;
        /** Format: date-time */
        date?: string;
        system?: string;
        text: string;
        '@type'?: string;
        '@baseType'?: string;
        '@schemaLocation'?: string;
      }[];
      payment?: {
        id: string;
        href?: string;
        name?: string;
        '@referredType'?: string;
        version?: string;
        '@type'?: string;
        '@baseType'?: string;
        '@schemaLocation'?: string;
        amount?: {
          unit: string;
          value: number;
        };
      }[];
      intentSpecification?: {
        [key: string]: unknown;
      };
      productOrderItem: {
        /** @description Item id, unique within the order */
        id: string;
        /** @enum {string} */
        action: 'add' | 'modify' | 'delete' | 'noChange';
        /**
         * @description One service instance per item
         * @default 1
         */
        quantity: number;
        /** @enum {string} */
        state?: 'acknowledged';
        productOffering?: {
          id: string;
          href?: string;
          name?: string;
          '@referredType'?: string;
          version?: string;
          '@type'?: string;
          '@baseType'?: string;
          '@schemaLocation'?: string;
        };
        product?: {
          /** @description The existing product (our subscription), for modify / delete / noChange */
          id?: string;
          href?: string;
          name?: string;
          description?: string;
          isBundle?: boolean;
          isCustomerVisible?: boolean;
          /** @description modify: suspended suspends the product (停机), active resumes a suspended one (复机) */
          status?: string;
          productCharacteristic?: {
            id?: string;
            name: string;
            valueType?: string;
            value:
              | string
              | number
              | boolean
              | {
                  [key: string]: unknown;
                }
              | {
                  [key: string]: unknown;
                }[];
            characteristicRelationship?: {
              id: string;
              relationshipType: string;
              '@type'?: string;
              '@baseType'?: string;
              '@schemaLocation'?: string;
            }[];
            '@type'?: string;
            '@baseType'?: string;
            '@schemaLocation'?: string;
          }[];
          productSpecification?: {
            id: string;
            href?: string;
            name?: string;
            '@referredType'?: string;
            version?: string;
            '@type'?: string;
            '@baseType'?: string;
            '@schemaLocation'?: string;
          };
          place?: {
            role: string;
            place: {
              id?: string;
              href?: string;
              name?: string;
              '@referredType'?: string;
              streetNr?: string;
              streetNrSuffix?: string;
              streetName?: string;
              streetType?: string;
              streetSuffix?: string;
              postcode?: string;
              locality?: string;
              city?: string;
              stateOrProvince?: string;
              country?: string;
              countryCode?: string;
              '@type'?: string;
              '@baseType'?: string;
              '@schemaLocation'?: string;
            };
            '@type'?: string;
            '@baseType'?: string;
            '@schemaLocation'?: string;
          }[];
          /** @description modify: a party of role Owner names the new owner of an ownership transfer (过户) */
          relatedParty?: {
            role: string;
            partyOrPartyRole: {
              id: string;
              href?: string;
              name?: string;
              '@referredType'?: string;
              version?: string;
              '@type'?: string;
              '@baseType'?: string;
              '@schemaLocation'?: string;
            };
            '@type'?: string;
            '@baseType'?: string;
            '@schemaLocation'?: string;
          }[];
          /** @description modify with a new owner: the new owner's account to bill (default: their first) */
          billingAccount?: {
            id: string;
            href?: string;
            name?: string;
            '@referredType'?: string;
            version?: string;
            '@type'?: string;
            '@baseType'?: string;
            '@schemaLocation'?: string;
          };
          intent?: {
            [key: string]: unknown;
          };
          '@type'?: string;
          '@baseType'?: string;
          '@schemaLocation'?: string;
        };
        billingAccount?: {
          id: string;
          href?: string;
          name?: string;
          '@referredType'?: string;
          version?: string;
          '@type'?: string;
          '@baseType'?: string;
          '@schemaLocation'?: string;
        };
        appointment?: {
          id: string;
          href?: string;
          name?: string;
          '@referredType'?: string;
          version?: string;
          '@type'?: string;
          '@baseType'?: string;
          '@schemaLocation'?: string;
        };
        itemPrice?: {
          name?: string;
          description?: string;
          priceType: string;
          recurringChargePeriod?: string;
          unitOfMeasure?: string;
          price: {
            dutyFreeAmount?: {
              unit: string;
              value: number;
            };
            taxIncludedAmount?: {
              unit: string;
              value: number;
            };
            taxRate?: number;
            percentage?: number;
            '@type'?: string;
            '@baseType'?: string;
            '@schemaLocation'?: string;
          };
          priceAlteration?: {
            name?: string;
            description?: string;
            priceType: string;
            priority?: number;
            recurringChargePeriod?: string;
            applicationDuration?: number;
            unitOfMeasure?: string;
            price: {
              dutyFreeAmount?: {
                unit: string;
                value: number;
              };
              taxIncludedAmount?: {
                unit: string;
                value: number;
              };
              taxRate?: number;
              percentage?: number;
              '@type'?: string;
              '@baseType'?: string;
              '@schemaLocation'?: string;
            };
            '@type'?: string;
            '@baseType'?: string;
            '@schemaLocation'?: string;
          }[];
          productOfferingPrice?: {
            id: string;
            href?: string;
            name?: string;
            '@referredType'?: string;
            version?: string;
            '@type'?: string;
            '@baseType'?: string;
            '@schemaLocation'?: string;
          };
          billingAccount?: {
            id: string;
            href?: string;
            name?: string;
            '@referredType'?: string;
            version?: string;
            '@type'?: string;
            '@baseType'?: string;
            '@schemaLocation'?: string;
          };
          '@type'?: string;
          '@baseType'?: string;
          '@schemaLocation'?: string;
        }[];
        itemTotalPrice?: {
          name?: string;
          description?: string;
          priceType: string;
          recurringChargePeriod?: string;
          unitOfMeasure?: string;
          price: {
            dutyFreeAmount?: {
              unit: string;
              value: number;
            };
            taxIncludedAmount?: {
              unit: string;
              value: number;
            };
            taxRate?: number;
            percentage?: number;
            '@type'?: string;
            '@baseType'?: string;
            '@schemaLocation'?: string;
          };
          priceAlteration?: {
            name?: string;
            description?: string;
            priceType: string;
            priority?: number;
            recurringChargePeriod?: string;
            applicationDuration?: number;
            unitOfMeasure?: string;
            price: {
              dutyFreeAmount?: {
                unit: string;
                value: number;
              };
              taxIncludedAmount?: {
                unit: string;
                value: number;
              };
              taxRate?: number;
              percentage?: number;
              '@type'?: string;
              '@baseType'?: string;
              '@schemaLocation'?: string;
            };
            '@type'?: string;
            '@baseType'?: string;
            '@schemaLocation'?: string;
          }[];
          productOfferingPrice?: {
            id: string;
            href?: string;
            name?: string;
            '@referredType'?: string;
            version?: string;
            '@type'?: string;
            '@baseType'?: string;
            '@schemaLocation'?: string;
          };
          billingAccount?: {
            id: string;
            href?: string;
            name?: string;
            '@referredType'?: string;
            version?: string;
            '@type'?: string;
            '@baseType'?: string;
            '@schemaLocation'?: string;
          };
          '@type'?: string;
          '@baseType'?: string;
          '@schemaLocation'?: string;
        }[];
        itemTerm?: {
          name?: string;
          description?: string;
          duration?: {
            amount: number;
            units: string;
            '@type'?: string;
            '@baseType'?: string;
            '@schemaLocation'?: string;
          };
          '@type'?: string;
          '@baseType'?: string;
          '@schemaLocation'?: string;
        }[];
        payment?: {
          id: string;
          href?: string;
          name?: string;
          '@referredType'?: string;
          version?: string;
          '@type'?: string;
          '@baseType'?: string;
          '@schemaLocation'?: string;
          amount?: {
            unit: string;
            value: number;
          };
        }[];
        note?: {
          id?: string;
          author?: string;
          /** Format: date-time */
          date?: string;
          system?: string;
          text: string;
          '@type'?: string;
          '@baseType'?: string;
          '@schemaLocation'?: string;
        }[];
        productOrderItemRelationship?: {
          id: string;
          relationshipType: string;
          '@type'?: string;
          '@baseType'?: string;
          '@schemaLocation'?: string;
        }[];
        '@type'?: string;
        '@baseType'?: string;
        '@schemaLocation'?: string;
      }[];
      /**
       * @description Extension field: declare it with "@type": "TelecomProductOrder"
       * @enum {string}
       */
      localNetwork?:
        | 'shenyang'
        | 'dalian'
        | 'anshan'
        | 'fushun'
        | 'benxi'
        | 'dandong'
        | 'jinzhou'
        | 'yingkou'
        | 'fuxin'
        | 'liaoyang'
        | 'panjin'
        | 'tieling'
        | 'chaoyang'
        | 'huludao';
    };
    ProductOrder_MVO: {
      /**
       * @description Submit a draft
       * @enum {string}
       */
      state: 'acknowledged';
      '@type'?: string;
      '@baseType'?: string;
      '@schemaLocation'?: string;
    };
    CancelProductOrder: {
      id: string;
      href: string;
      '@type': string;
      state: string;
      productOrder: {
        id: string;
      } & {
        [key: string]: unknown;
      };
    } & {
      [key: string]: unknown;
    };
    CancelProductOrder_FVO: {
      '@type'?: string;
      '@baseType'?: string;
      '@schemaLocation'?: string;
      productOrder: {
        id: string;
        href?: string;
        name?: string;
        '@referredType'?: string;
        version?: string;
        '@type'?: string;
        '@baseType'?: string;
        '@schemaLocation'?: string;
      };
      cancellationReason: string;
      /** Format: date-time */
      requestedCancellationDate?: string;
    };
    OfferedCatalog: {
      localNetwork: {
        id: string;
        name: string;
        nameZh: string;
        areaCode: string;
        fixedNumberDigits: number;
        maxItemsPerOrder: number;
      };
      /** @description Service lines sold in the network, with how many offerings each */
      serviceLines: {
        /** @enum {string} */
        id: 'fixed_line' | 'phs' | 'broadband' | 'gsm_mobile' | 'gsm_prepaid' | 'ip_phone' | 'long_distance' | 'value_added';
        offerings: number;
      }[];
      productOffering: components['schemas']['CatalogOffering'][];
      /** @description The reader's contract, when the reader is an agent */
      agent?: {
        agentId: string;
        name: string;
        /** @enum {string} */
        status: 'active' | 'suspended';
        validFrom: string;
        validTo: string;
        localNetworks: string[];
        serviceLines: ('fixed_line' | 'phs' | 'broadband' | 'gsm_mobile' | 'gsm_prepaid' | 'ip_phone' | 'long_distance' | 'value_added')[];
        offeringIds: string[];
        dailyOrderLimit: number;
        ordersToday: number;
        /** @description Why the agent may place no order at all now (suspended, outside its contract dates or networks, daily limit reached) */
        refusal?: {
          code: string;
          reason: string;
        };
      };
    };
    CatalogOffering: {
      id: string;
      name: string;
      nameZh?: string;
      /** @enum {string} */
      serviceLine: 'fixed_line' | 'phs' | 'broadband' | 'gsm_mobile' | 'gsm_prepaid' | 'ip_phone' | 'long_distance' | 'value_added';
      /** @enum {string} */
      lifecycleStatus: 'active';
      actions: ('add' | 'modify' | 'delete' | 'move')[];
      resources: ('number' | 'port' | 'ip' | 'device')[];
      /** @description A technician visits (an installation work order is raised) */
      fieldInstallation: boolean;
      /** @description installationAddress is required for a new service */
      needsInstallationAddress: boolean;
      /**
       * @description The offering takes a chosen number (requestedNumber) from this block: list it with GET /inventory/numbers
       * @enum {string}
       */
      numberPlan?: 'mobile' | 'fixed7' | 'fixed8';
      /** @description Only for these kinds of customer; absent = every customer */
      customerKinds?: ('individual' | 'enterprise')[];
      /** @description What a sale needs that only a shop counter or an agent can do: not sold over the phone (call_centre) or the web */
      saleRequires?: ('identityCheck' | 'cashPayment' | 'bankTransfer')[];
      characteristic: components['schemas']['OfferingCharacteristic'][];
      /** @description The local network's deposit rules for a new service of this offering (the customer's tier and kind decide) */
      deposit: {
        amountCents: number;
        tiers: ('ordinary' | 'silver' | 'gold' | 'vip')[];
        customerKinds?: ('individual' | 'enterprise')[];
        reason: string;
      }[];
      /** @description False when the reader (an agent) may not sell it; refusal says why */
      orderable: boolean;
      refusal?: {
        code: string;
        reason: string;
      };
    };
    OfferingCharacteristic: {
      name: string;
      /** @enum {string} */
      valueType: 'string' | 'number' | 'boolean';
      /** @enum {string} */
      format?: 'mobile_number' | 'fixed_number' | 'phone_number';
      digits?: number;
      requiredFor?: ('add' | 'modify' | 'delete' | 'move')[];
      allowedValues?: string[];
      description: string;
    };
    FreeNumbers: {
      localNetwork: string;
      /** @enum {string} */
      serviceLine: 'fixed_line' | 'phs' | 'gsm_mobile' | 'gsm_prepaid';
      /** @enum {string} */
      plan: 'mobile' | 'fixed7' | 'fixed8';
      pattern?: string;
      offset: number;
      limit: number;
      numbers: {
        number: string;
      }[];
      /** @description Another page has numbers too */
      hasMore: boolean;
    };
    NumberHold: {
      /** @description Give it with the order, as the item characteristic numberHold, so its reservation takes the number */
      holdId: string;
      number: string;
      localNetwork: string;
      /** @enum {string} */
      serviceLine: 'fixed_line' | 'phs' | 'gsm_mobile' | 'gsm_prepaid';
      /** @description When the hold lapses unless an order placed with it reserves the number first */
      heldUntil: string;
    };
    HoldNumberInput: {
      /** @enum {string} */
      localNetwork:
        | 'shenyang'
        | 'dalian'
        | 'anshan'
        | 'fushun'
        | 'benxi'
        | 'dandong'
        | 'jinzhou'
        | 'yingkou'
        | 'fuxin'
        | 'liaoyang'
        | 'panjin'
        | 'tieling'
        | 'chaoyang'
        | 'huludao';
      /** @enum {string} */
      serviceLine: 'fixed_line' | 'phs' | 'gsm_mobile' | 'gsm_prepaid';
    };
    ProductOfferingV5: {
      id: string;
      href: string;
      /** @enum {string} */
      '@type': 'ProductOffering';
      name: string;
      /** @enum {string} */
      lifecycleStatus: 'draft' | 'active' | 'retired';
      /** @description who changed the lifecycle, when, from what to what (on GET by id) */
      lifecycleHistory?: {
        /** @enum {string} */
        fromStatus: 'draft' | 'active' | 'retired';
        /** @enum {string} */
        toStatus: 'draft' | 'active' | 'retired';
        reason?: string;
        changedBy: {
          id: string;
          name?: string;
        };
        changedAt: string;
      }[];
    } & {
      [key: string]: unknown;
    };
    ProductOffering_MVO: {
      /** @enum {string} */
      lifecycleStatus: 'draft' | 'active' | 'retired';
      /** @description why (kept in the lifecycle history) */
      statusReason?: string;
    };
    ProductOrderBatch: {
      id: string;
      href: string;
      /** @description acknowledged, inProgress, cancelling, then completed, partial, failed or cancelled */
      state: string;
      stateReason?: string;
      relatedParty: {
        id: string;
        role: string;
      }[];
      billingAccount: {
        id: string;
      };
      localNetwork: string;
      channel: string;
      agentId?: string;
      description?: string;
      lineCount: {
        total: number;
        pending: number;
        inProgress: number;
        completed: number;
        failed: number;
        cancelled: number;
      };
      settings: {
        concurrency: number;
        linesPerRun: number;
      };
      /** @description The workflow run the batch is in (1, then +1 each continue-as-new) */
      run: number;
      /** @description The largest history of the batch's runs so far */
      largestHistory: {
        events: number;
        bytes: number;
      };
      creationDate: string;
      lastUpdate: string;
      completionDate?: string;
    };
    ProductOrderBatchInput: {
      description?: string;
      /** @enum {string} */
      channel: 'shop' | 'call_centre' | 'web' | 'agent';
      /** @enum {string} */
      localNetwork:
        | 'shenyang'
        | 'dalian'
        | 'anshan'
        | 'fushun'
        | 'benxi'
        | 'dandong'
        | 'jinzhou'
        | 'yingkou'
        | 'fuxin'
        | 'liaoyang'
        | 'panjin'
        | 'tieling'
        | 'chaoyang'
        | 'huludao';
      agentId?: string;
      relatedParty: {
        id: string;
        /** @enum {string} */
        role: 'customer';
      }[];
      /** @description The enterprise's account every line bills to; default: its group account, else its first account (which then becomes its group account) */
      billingAccount?: {
        id: string;
      };
      productOrderLine: components['schemas']['ProductOrderBatchLineInput'][];
      /** @description How the batch runs: lines at a time (default 50) and lines per workflow run before it continues as new (default 250) */
      settings?: {
        concurrency?: number;
        linesPerRun?: number;
      };
    };
    /** @description One line: one ordinary order's items (e.g. one mobile line, with its number) */
    ProductOrderBatchLineInput: {
      productOrderItem: components['schemas']['ProductOrderItemInput'][];
    };
    ProductOrderBatchLine: {
      /** @description The line's index in productOrderLine */
      index: number;
      /** @enum {string} */
      state: 'pending' | 'inProgress' | 'completed' | 'failed' | 'cancelled';
      productOrder: {
        id: string;
        href: string;
        state?: string;
      };
      reason?: string;
      lastUpdate: string;
    };
    CancelBatchRemainderInput: {
      reason: string;
    };
    EnterpriseGroup: {
      customer: {
        id: string;
        name: string;
        tier: string;
        homeLocalNetwork: string;
      };
      /** @description Absent until the first batch order designates it */
      groupAccount?: {
        id: string;
        name: string;
      };
      /** @description Subscriptions billed to the group account */
      memberCount: number;
      members: {
        id: string;
        offeringId: string;
        serviceLine: string;
        serviceId: string;
        status: string;
        orderId?: string;
      }[];
      /** @description The newest batch orders of the customer */
      batches: components['schemas']['ProductOrderBatch'][];
    };
    TroubleTicket: {
      id: string;
      href: string;
      type: string;
      state: string;
      phase: string;
      priority: string;
      channel: string;
      customer: {
        id: string;
        tier: string;
      };
      takenInLocalNetwork: string;
      homeLocalNetwork: string;
      forwardedTo?: string;
      serviceLine: string;
      /** @description The category tree node it is about (absent on work orders taken before categories) */
      category?: string;
      description: string;
      escalationLevel: string;
      assignments: ({
        department: string;
        state: string;
        round: number;
        dispatchedAt: number;
        acceptedAt?: number;
        reason?: string;
      } & {
        [key: string]: unknown;
      })[];
      /** @description Departments holding it now */
      assignees: string[];
      deadlines: {
        acceptBy?: string;
        resolveBy?: string;
      };
      timeline: ({
        /** @description epoch ms */
        at: number;
        action: string;
        actor: {
          id: string;
          role: string;
          department?: string;
          level?: string;
        };
        details?: {
          [key: string]: unknown;
        };
        /** @description The state it moved the work order to, when it changed */
        state?: string;
      } & {
        [key: string]: unknown;
      })[];
      reopenCount: number;
      /** @description When the customer was received (受理时间, epoch ms), when given at intake: the first round’s SLA runs from it */
      receivedAt?: number;
      /** @description The product order it belongs to (a field installation) or was turned into (a service request) */
      relatedOrderId?: string;
      /** @description A service request turned into a product order (POST /troubleTicket/{id}/productOrder): the order and how it ended */
      placedOrder?: {
        id: string;
        /** @description epoch ms */
        at: number;
        by: string;
        /**
         * @description How the order ended; absent while it runs
         * @enum {string}
         */
        outcome?: 'completed' | 'partial' | 'failed' | 'cancelled' | 'rejected';
        reason?: string;
        /** @description epoch ms */
        finishedAt?: number;
      };
      closeReason?: string;
      /** @description The call centre’s callback tasks (回访), one per round in which the customer was told */
      callbacks?: {
        round: number;
        /** @description epoch ms: when the customer was told */
        openedAt: number;
        /** @description epoch ms: the callback’s deadline (per customer tier, on the work order’s SLA clock) */
        dueBy: number;
        /**
         * @description done: the answer was recorded; noAnswer: closed by itself
         * @enum {string}
         */
        state: 'open' | 'done' | 'noAnswer';
        /** @description epoch ms */
        endedAt?: number;
        by?: string;
        /** @description When the deadline passed unanswered (the call centre was urged) */
        overdueAt?: number;
      }[];
      /** @description Urges by people (催办): how many, and the last; each raised the priority one step */
      urging?: {
        count: number;
        /** @description epoch ms */
        lastAt: number;
        lastBy: string;
      };
      /** @description Supervisions (督办), oldest first; at most one awaits its reply, and the centre approves no receipt until it has one */
      supervisions?: ({
        id: number;
        by: string;
        level: string;
        /** @description epoch ms */
        at: number;
        /** @description epoch ms: the deadline of the written reply */
        due: number;
        instructions: string;
        departments: string[];
        reply?: {
          text: string;
          at: number;
          by: string;
          department: string;
        };
        /** @description When the deadline passed without a reply */
        overdueAt?: number;
      } & {
        [key: string]: unknown;
      })[];
      /** @description The customer's account manager (客户经理) when it was taken: told of it, may note and urge it */
      accountManager?: string;
      /** @description epoch ms */
      createdAt: number;
      /** @description epoch ms */
      updatedAt: number;
      /** @description What the caller may do to it now, judged by the rules the work order itself applies (transfer and dispatch depend on their departments: not listed) */
      allowedActions?: (
        | 'accept'
        | 'note'
        | 'waitOnCustomer'
        | 'customerResponded'
        | 'receipt'
        | 'return'
        | 'approve'
        | 'sendBack'
        | 'notifyCustomer'
        | 'recordSatisfaction'
        | 'reopen'
        | 'reprioritize'
        | 'cancel'
        | 'escalate'
        | 'handOver'
        | 'requestCoHandling'
        | 'urge'
        | 'supervise'
        | 'superviseReply'
      )[];
      /** @description With requestCoHandling allowed: the departments the caller may ask for help (those of its local network that do not hold it) */
      coHandlingCandidates?: string[];
    } & {
      [key: string]: unknown;
    };
    CreateTroubleTicket: {
      /** @enum {string} */
      type: 'complaint' | 'fault_report' | 'inquiry' | 'service_request' | 'suggestion';
      /** @enum {string} */
      channel: 'phone' | 'ivr' | 'web' | 'sms' | 'email' | 'fax' | 'letter' | 'walk_in' | 'account_manager';
      /**
       * @default medium
       * @enum {string}
       */
      priority: 'low' | 'medium' | 'high' | 'critical';
      customer: {
        id: string;
      };
      /**
       * @description Where the work order was taken (a roaming complaint goes to the home network)
       * @enum {string}
       */
      takenInLocalNetwork:
        | 'shenyang'
        | 'dalian'
        | 'anshan'
        | 'fushun'
        | 'benxi'
        | 'dandong'
        | 'jinzhou'
        | 'yingkou'
        | 'fuxin'
        | 'liaoyang'
        | 'panjin'
        | 'tieling'
        | 'chaoyang'
        | 'huludao';
      /** @enum {string} */
      serviceLine: 'fixed_line' | 'phs' | 'broadband' | 'gsm_mobile' | 'gsm_prepaid' | 'ip_phone' | 'long_distance' | 'value_added';
      /** @description Required on complaint and fault_report */
      category?: string;
      description: string;
      relatedOrderId?: string;
      subscriptionId?: string;
      /**
       * Format: date-time
       * @description When the customer was received (受理时间), if before now (a letter, a call taken during an outage): the SLA runs from it. Not in the future, nor older than WORK_ORDER_RECEIVED_MAX_AGE_DAYS
       */
      receivedAt?: string;
      /**
       * @description A complaint about this national service goes straight to the national centre's queue (national-service-centre), under its SLA
       * @enum {string}
       */
      nationalService?: 'hotline' | 'roaming' | 'long_distance' | 'national_offer';
    };
    TroubleTicketContact: {
      id: string;
      name: string;
      kind: string;
      tier: string;
      homeLocalNetwork: string;
      phone?: string;
      email?: string;
      /** @description The service the work order is about, when it names one */
      subscription?: {
        id: string;
        serviceLine: string;
        serviceId: string;
      };
    };
    WorklistEntry: {
      workOrderId: string;
      department: string;
      state: string;
      deadline: string | null;
      overdue: boolean;
      type: string;
      priority: string;
      customerTier: string;
      escalationLevel: string;
      localNetwork: string;
      /** @description 0 in the first round of the closed loop; more after a reopen */
      round: number;
      dispatchedAt: string;
      /** @description When the deadline's urge mark falls (the SLA policy's): from then on the deadline is close */
      urgeAt: string | null;
      /** @description Urges since it was dispatched here, by the SLA clock or by a person */
      urgeCount: number;
      /** @description Under supervision (督办), the written reply (superviseReply) not in yet */
      awaitingSupervisionReply: boolean;
      /** @description The description's beginning */
      summary: string;
      /** @description Who accepted it and when; null while nobody has */
      acceptedBy: {
        /** @description The accepting person's id (a staff account's user name) */
        id: string;
        /** @description Their display name, when they have a staff account */
        name?: string;
        at: string;
      } | null;
      /** @description The national centre got it by the province centre's hand-over for coordination (转全国中心协调) */
      handOver: boolean;
    };
    ServiceRequestOrderInput: {
      /** @description Caller reference; a repeat returns the same order */
      externalId?: string;
      description?: string;
      relatedParty: {
        id: string;
        /** @enum {string} */
        role: 'customer';
      }[];
      /** Format: date-time */
      requestedStartDate?: string;
      /** @description Deposit collected at order entry, where the local network asks for one */
      depositPaidCents?: number;
      productOrderItem: components['schemas']['ProductOrderItemInput'][];
      /**
       * @description The work order's handling local network (the default; no other is taken)
       * @enum {string}
       */
      localNetwork?:
        | 'shenyang'
        | 'dalian'
        | 'anshan'
        | 'fushun'
        | 'benxi'
        | 'dandong'
        | 'jinzhou'
        | 'yingkou'
        | 'fuxin'
        | 'liaoyang'
        | 'panjin'
        | 'tieling'
        | 'chaoyang'
        | 'huludao';
    };
    TroubleTicketV5: {
      id: string;
      href: string;
      /** @enum {string} */
      '@type': 'TroubleTicket';
      /** @enum {string} */
      status: 'acknowledged' | 'rejected' | 'pending' | 'held' | 'inProgress' | 'cancelled' | 'closed' | 'resolved';
    } & {
      [key: string]: unknown;
    };
    TroubleTicket_FVO: {
      /** @enum {string} */
      '@type'?: 'TroubleTicket';
      /** @enum {string} */
      '@baseType'?: 'TroubleTicket';
      name?: string;
      description: string;
      /** @description ticketType: one of complaint, faultReport, inquiry, serviceRequest, suggestion (any letter case) */
      ticketType: string;
      /** @description severity: one of critical, major, minor (any letter case) */
      severity: string;
      /** @description Critical, High, Medium or Low; without it, from the severity */
      priority?: string;
      /** @enum {string} */
      status?: 'acknowledged';
      channel: {
        /** @enum {string} */
        id: 'phone' | 'ivr' | 'web' | 'sms' | 'email' | 'fax' | 'letter' | 'walk_in' | 'account_manager';
        href?: string;
        name?: string;
        /** @enum {string} */
        '@type'?: 'ChannelRef';
        /** @enum {string} */
        '@referredType'?: 'Channel';
      };
      relatedParty: {
        id: string;
        href?: string;
        name?: string;
        /** @description customer (exactly one) or reporter (at most one), any letter case */
        role: string;
        /** @enum {string} */
        '@type'?: 'RelatedParty';
        '@referredType'?: string;
      }[];
      relatedEntity?: {
        id: string;
        href?: string;
        name?: string;
        role: string;
        /** @enum {string} */
        '@type'?: 'RelatedEntity';
        /** @enum {string} */
        '@referredType': 'ProductOrder' | 'Product';
      }[];
      note?: {
        id?: string;
        text: string;
        author?: string;
        /** Format: date-time */
        date?: string;
        /** @enum {string} */
        '@type'?: 'Note';
      }[];
      attachment?: {
        /** @enum {string} */
        '@type': 'AttachmentRef';
        id: string;
        href?: string;
        url?: string;
        name?: string;
        description?: string;
        '@referredType'?: string;
      }[];
      troubleTicketCharacteristic: (
        | {
            /** @enum {string} */
            name: 'serviceLine';
            /** @enum {string} */
            value: 'fixed_line' | 'phs' | 'broadband' | 'gsm_mobile' | 'gsm_prepaid' | 'ip_phone' | 'long_distance' | 'value_added';
            id?: string;
            /** @enum {string} */
            valueType?: 'string';
            /** @enum {string} */
            '@type'?: 'StringCharacteristic' | 'Characteristic';
            /** @enum {string} */
            '@baseType'?: 'Characteristic';
          }
        | {
            /** @enum {string} */
            name: 'takenInLocalNetwork';
            /**
             * @description Where it was taken (a roaming complaint goes to the home network)
             * @enum {string}
             */
            value:
              | 'shenyang'
              | 'dalian'
              | 'anshan'
              | 'fushun'
              | 'benxi'
              | 'dandong'
              | 'jinzhou'
              | 'yingkou'
              | 'fuxin'
              | 'liaoyang'
              | 'panjin'
              | 'tieling'
              | 'chaoyang'
              | 'huludao';
            id?: string;
            /** @enum {string} */
            valueType?: 'string';
            /** @enum {string} */
            '@type'?: 'StringCharacteristic' | 'Characteristic';
            /** @enum {string} */
            '@baseType'?: 'Characteristic';
          }
        | {
            /** @enum {string} */
            name: 'category';
            /** @description What it is about: the id of a node at level 2 or deeper of the category tree (GET /workOrderCategory) */
            value: string;
            id?: string;
            /** @enum {string} */
            valueType?: 'string';
            /** @enum {string} */
            '@type'?: 'StringCharacteristic' | 'Characteristic';
            /** @enum {string} */
            '@baseType'?: 'Characteristic';
          }
      )[];
      id?: unknown;
      href?: unknown;
      creationDate?: unknown;
      lastUpdateDate?: unknown;
      expectedResolutionDate?: unknown;
      resolutionDate?: unknown;
      statusChange?: unknown;
      statusChangeDate?: unknown;
      externalIdentifier?: unknown;
      requestedResolutionDate?: unknown;
      troubleTicketRelationship?: unknown;
      '@schemaLocation'?: unknown;
    };
    TroubleTicket_MVO: {
      /** @description status: one of acknowledged, rejected, pending, held, inProgress, cancelled, closed, resolved (any letter case) */
      status?: string;
      statusChangeReason?: string;
      /** @description priority: one of low, medium, high, critical (any letter case) */
      priority?: string;
      note?: {
        id?: string;
        text?: string;
        author?: string;
        /** Format: date-time */
        date?: string;
        /** @enum {string} */
        '@type'?: 'Note';
      }[];
      attachment?: unknown;
      channel?: unknown;
      creationDate?: unknown;
      description?: unknown;
      expectedResolutionDate?: unknown;
      externalIdentifier?: unknown;
      lastUpdateDate?: unknown;
      name?: unknown;
      relatedEntity?: unknown;
      relatedParty?: unknown;
      requestedResolutionDate?: unknown;
      resolutionDate?: unknown;
      severity?: unknown;
      statusChange?: unknown;
      statusChangeDate?: unknown;
      ticketType?: unknown;
      troubleTicketRelationship?: unknown;
    };
    CustomerSearchResult: {
      id: string;
      kind: string;
      name: string;
      tier: string;
      homeLocalNetwork: string;
      status: string;
      /** @description The ID number with its middle hidden (210202********1234); the full number is never answered */
      idNumberMasked?: string;
      /** @description Up to 5 of its live service ids, to confirm with the caller */
      serviceIds: string[];
    };
    CallbackEntry: {
      id: string;
      type: string;
      state: string;
      /** @description receiptReturned: the receipt to review; reviewed: the customer being told; customerNotified: their answer to record; unsatisfied: to reopen */
      phase: string;
      priority: string;
      serviceLine: string;
      customer: {
        id: string;
        name?: string;
        tier: string;
      };
      takenInLocalNetwork: string;
      homeLocalNetwork: string;
      /** @description The description's beginning */
      summary: string;
      receipts: {
        department: string;
        result: string;
        resolutionCode: string;
        notes?: string;
      }[];
      reopenCount: number;
      /** @description When the centre accepted the receipt */
      resolvedAt?: string;
      /** @description When it was resolved, or before the review its last change: the order among those without a callback deadline */
      waitingSince: string;
      /** @description The callback task’s deadline, once the customer was told: the list is soonest deadline first */
      callbackDueBy?: string;
      /** @description The callback’s deadline has passed with no answer recorded */
      overdue: boolean;
      /** @description What the caller may do to it now */
      allowedActions: (
        | 'accept'
        | 'note'
        | 'waitOnCustomer'
        | 'customerResponded'
        | 'receipt'
        | 'return'
        | 'approve'
        | 'sendBack'
        | 'notifyCustomer'
        | 'recordSatisfaction'
        | 'reopen'
        | 'reprioritize'
        | 'cancel'
        | 'escalate'
        | 'handOver'
        | 'requestCoHandling'
        | 'urge'
        | 'supervise'
        | 'superviseReply'
      )[];
    };
    Customer360: {
      customer: {
        id: string;
        kind: string;
        name: string;
        tier: string;
        homeLocalNetwork: string;
        status: string;
        /** @description The ID number with its middle hidden; the full number is never answered */
        idNumberMasked?: string;
        contact?: {
          phone?: string;
          email?: string;
        };
      } & {
        [key: string]: unknown;
      };
      accounts: ({
        id: string;
        name: string;
        /** @description The account's last six monthly bills, newest first (billing's; absent when billing did not answer) */
        bills?: components['schemas']['CustomerBill'][];
        /** @description Its last six payments and prepaid top-ups, newest first */
        payments?: components['schemas']['CustomerPayment'][];
        /** @description The open dunning case: the lines barred for arrears until the payment */
        dunning?: components['schemas']['DunningCase'];
        /** @description Billing did not answer for the bills and payments */
        billing?: {
          unavailable: string;
        };
      } & {
        [key: string]: unknown;
      })[];
      subscriptions: ({
        id: string;
        offeringId: string;
        serviceLine: string;
        serviceId: string;
        status: string;
      } & {
        [key: string]: unknown;
      })[];
      openOrders: ({
        id: string;
        state: string;
      } & {
        [key: string]: unknown;
      })[];
      recentOrders: ({
        id: string;
        state: string;
      } & {
        [key: string]: unknown;
      })[];
      openWorkOrders: ({
        id: string;
        type: string;
        state: string;
      } & {
        [key: string]: unknown;
      })[];
      balance:
        | {
            balanceCents: number;
            currency: string;
          }
        | {
            unavailable: string;
          };
    };
    CustomerBill: {
      billId: string;
      /** @description YYYY-MM */
      period: string;
      issuedAt: string;
      dueDate: string;
      totalCents: number;
      paidCents: number;
      /** @enum {string} */
      status: 'open' | 'paid';
      currency: string;
      lines: {
        /** @enum {string} */
        kind: 'recurring' | 'oneOff' | 'adjustment';
        description: string;
        amountCents: number;
        subscriptionId?: string;
      }[];
    };
    CustomerPayment: {
      paymentId: string;
      /** @enum {string} */
      kind: 'payment' | 'topUp';
      amountCents: number;
      method: string;
      at: string;
      /** @description The account's balance after it */
      balanceCents: number;
      currency: string;
    };
    DunningCase: {
      caseId: string;
      state: string;
      reason: string;
      owedCents: number;
      openedOn: string;
      suspensionOrderId?: string;
      resumptionOrderId?: string;
    };
    CustomerPaymentInput: {
      /** @description One of the customer's billing accounts */
      accountId: string;
      /**
       * @description payment: settles open bills, oldest first; topUp: prepaid credit
       * @enum {string}
       */
      kind: 'payment' | 'topUp';
      amountCents: number;
      /** @enum {string} */
      method: 'cash' | 'card' | 'wechat' | 'alipay' | 'bank_transfer';
      /** @description The receipt or transaction number */
      reference?: string;
    };
    DailyReport: {
      from: string;
      to: string;
      /** @enum {string} */
      timeZone: 'Asia/Shanghai';
      /** @enum {string} */
      groupBy: 'localNetwork' | 'department' | 'role' | 'category' | 'channel';
      rows: {
        day: string;
        group: string;
        orders: {
          received: number;
          byState: {
            [key: string]: number;
          };
          byServiceLine: {
            [key: string]: number;
          };
          finished: {
            [key: string]: number;
          };
          leadTimeSeconds: {
            p50: number | null;
            p90: number | null;
          };
          backlog: number;
        } | null;
        workOrders: {
          received: number | null;
          slaMet: number | null;
          slaMissed: number | null;
          slaCompliance: number | null;
          receipts: number;
          avgHandlingSeconds: number | null;
          backlog: number | null;
          escalations: {
            total: number;
            province: number;
            national: number;
          };
          reopened: number;
          closed: number | null;
          reopenRate: number | null;
          actions?: {
            [key: string]: number;
          };
          /** @description Per department only: of the backlog, past the deadline at the end of the day (now, for today) */
          overdue?: number;
          /** @description Per local network only: callbacks opened (customers told), answered, past their deadline unanswered, closed with no answer */
          callbacks?: {
            opened: number;
            done: number;
            overdue: number;
            noAnswer: number;
          };
          /** @description Per local network only: closed work orders sampled for a quality check, checks recorded and their results */
          qualityChecks?: {
            sampled: number;
            done: number;
            satisfied: number;
            unsatisfied: number;
            unreachable: number;
          };
          /** @description Not per role: urges by people (催办, not the SLA clock), supervisions (督办) placed, written replies (and of them by the deadline), supervision deadlines missed */
          supervision?: {
            urged: number;
            placed: number;
            replied: number;
            repliedInTime: number;
            overdue: number;
          };
        };
      }[];
    };
    QualityCheckEntry: {
      workOrderId: string;
      /**
       * @description reopened: the work order was reopened before the check; it is due again once it closes
       * @enum {string}
       */
      state: 'due' | 'done' | 'reopened';
      /** @description The handling local network, whose share sampled it */
      localNetwork: string;
      takenInLocalNetwork: string;
      /** @description The round of the closed loop whose close was sampled */
      round: number;
      /** @description The local network’s share when it was sampled */
      share: number;
      /** @description When the work order closed */
      sampledAt: string;
      /** @enum {string} */
      result?: 'satisfied' | 'unsatisfied' | 'unreachable';
      note?: string;
      recordedBy?: string;
      recordedAt?: string;
      type: string;
      closeReason?: string;
      customer: {
        id: string;
        name?: string;
        tier: string;
      };
      /** @description The description's beginning */
      summary: string;
    };
    QualityCheck: {
      workOrderId: string;
      /**
       * @description reopened: the work order was reopened before the check; it is due again once it closes
       * @enum {string}
       */
      state: 'due' | 'done' | 'reopened';
      /** @description The handling local network, whose share sampled it */
      localNetwork: string;
      takenInLocalNetwork: string;
      /** @description The round of the closed loop whose close was sampled */
      round: number;
      /** @description The local network’s share when it was sampled */
      share: number;
      /** @description When the work order closed */
      sampledAt: string;
      /** @enum {string} */
      result?: 'satisfied' | 'unsatisfied' | 'unreachable';
      note?: string;
      recordedBy?: string;
      recordedAt?: string;
    };
    QualityCheckInput: {
      /**
       * @description What the customer said on the check call, or unreachable
       * @enum {string}
       */
      result: 'satisfied' | 'unsatisfied' | 'unreachable';
      note?: string;
    };
    WorkOrderCategoryTree: {
      /** @description Work-order types that must name a category */
      requiredFor: string[];
      minLevel: number;
      categories: components['schemas']['WorkOrderCategoryNode'][];
    };
    WorkOrderCategoryNode: {
      /** @description Stable id: the path, dot-separated */
      id: string;
      name: {
        'zh-CN': string;
        en: string;
      };
      /** @description 1 for a top-level branch */
      level: number;
      /** @description Whether a work order may name it (level 2 or deeper, not retired) */
      selectable: boolean;
      /** @enum {boolean} */
      retired?: true;
      children?: components['schemas']['WorkOrderCategoryNode'][];
    };
    SupervisedEntry: {
      workOrderId: string;
      /** @description Its place among the work order's supervisions (1, 2, …) */
      supervision: number;
      /** @description The local network handling the work order */
      localNetwork: string;
      supervisedBy: string;
      /** @enum {string} */
      level: 'city' | 'province' | 'national';
      /** @description The supervisor's own centre */
      centre: string | null;
      placedAt: string;
      /** @description The deadline of the written reply */
      due: string;
      instructions: string;
      /** @description The departments holding the work order when it was placed: a reply from one answers it */
      departments: string[];
      /** @description No reply and past the deadline */
      overdue: boolean;
      /** @description When the work order's clock marked the deadline missed (and urged the department again) */
      overdueMarkedAt: string | null;
      /** @description The department's written reply */
      reply: {
        text: string;
        at: string;
        by: string;
        department: string;
        inTime: boolean;
      } | null;
      workOrder: {
        state: string;
        priority: string;
        type: string;
        summary: string;
      };
    };
    BoardCounts: {
      /** @description Open assignments in scope */
      open: number;
      overdue: number;
      /** @description Past the urge mark, deadline still ahead */
      soon: number;
      /** @description Above the city level */
      escalated: number;
    };
    Department: {
      id: string;
      name: string;
      nameZh: string;
      /** @enum {string} */
      level: 'city' | 'province' | 'national';
      /** @description City departments only: province and national centres serve every local network */
      localNetwork?: string;
      function: string;
    };
    AccountManagerAssignment: {
      customerId: string;
      username: string;
      /** @description Since when this manager looks after the customer */
      assignedAt: string;
    };
    ManagedCustomer: {
      id: string;
      name: string;
      kind: string;
      tier: string;
      homeLocalNetwork: string;
      assignedAt: string;
    };
    AuditSearchHit: {
      /** @enum {string} */
      kind: 'order' | 'workOrder';
      id: string;
      /** @description Its workflow in Temporal */
      workflowId: string;
      customerId: string;
      /** @description The order's local network; the local network handling a work order */
      localNetwork: string;
      /** @description Work orders: where it was taken (another one for a roaming complaint) */
      takenInLocalNetwork?: string;
      state: string;
      /** @description An order's service lines; a work order's type */
      type: string;
      /** @description Work orders: the order it belongs to (a field installation) */
      relatedOrderId?: string;
      createdAt: string;
      updatedAt: string;
    };
    AuditTrail: {
      workflowId: string;
      runId?: string;
      workflowType?: string;
      status: string;
      historyEvents: number;
      events: {
        /** @description The history event it comes from */
        eventId: number;
        at: string;
        who: {
          id: string;
          role?: string;
          department?: string;
        };
        what: string;
        result?: string;
        details?: {
          [key: string]: unknown;
        };
      }[];
    };
    /** @description The standard Temporal JSON history format (as `npm run audit:export` writes it and `npm run audit:replay` reads it) */
    WorkflowHistory: {
      events: {
        [key: string]: unknown;
      }[];
    };
    AuditReplayResult: {
      /** @description The deployed workflow code replays the history without a nondeterminism */
      ok: boolean;
      workflowId: string;
      runId: string;
      /** @description Events of the history replayed */
      events: number;
      /** @description How long the replay took */
      ms: number;
      /** @description Why not: the error kind and its details, e.g. DeterminismViolationError: … */
      error?: string;
    };
    AuditReplayInput: {
      /** @enum {string} */
      kind: 'order' | 'workOrder';
      id: string;
    };
    SystemLinks: {
      temporalUi: {
        /** @description The Temporal Web UI (TEMPORAL_UI_URL) */
        url: string;
        namespace: string;
        /** @description An order's workflow in the UI: replace {id} with the URL-encoded order id */
        orderWorkflow: string;
        /** @description A work order's workflow in the UI: replace {id} with the URL-encoded work-order id */
        workOrderWorkflow: string;
      };
    };
    SystemStatus: {
      checkedAt: string;
      /** @description Every component up */
      ready: boolean;
      components: {
        /** @enum {string} */
        status: 'up' | 'down';
        latencyMs: number;
        error?: string;
        name: string;
        target?: string;
      }[];
      taskQueue: {
        name: string;
        workflow: {
          pollers: {
            identity: string;
            lastAccessTime: string | null;
            ratePerSecond: number;
          }[];
          /** @description Approximate tasks waiting; null when the server reports no statistics */
          backlog: number | null;
          backlogAgeSeconds: number | null;
          tasksAddRate: number | null;
          tasksDispatchRate: number | null;
        } | null;
        activity: {
          pollers: {
            identity: string;
            lastAccessTime: string | null;
            ratePerSecond: number;
          }[];
          /** @description Approximate tasks waiting; null when the server reports no statistics */
          backlog: number | null;
          backlogAgeSeconds: number | null;
          tasksAddRate: number | null;
          tasksDispatchRate: number | null;
        } | null;
        error?: string;
      };
      failures: {
        windowHours: number;
        closed: {
          total: number;
          latest: {
            workflowId: string;
            runId: string;
            workflowType: string;
            /** @enum {string} */
            status: 'FAILED' | 'TIMED_OUT' | 'TERMINATED';
            closedAt: string | null;
            message: string | null;
          }[];
        };
        retrying: {
          inspected: number;
          tasks: {
            workflowId: string;
            runId: string;
            workflowType: string;
            /**
             * @description localActivity: a step run in the worker (an order's short steps), waiting on a backoff timer between attempts
             * @enum {string}
             */
            kind: 'activity' | 'localActivity' | 'workflowTask';
            activityType: string | null;
            attempt: number;
            lastFailure: string | null;
            lastAttemptAt: string | null;
            nextAttemptAt: string | null;
          }[];
        };
        error?: string;
      };
    };
    HolidayYears: {
      years: components['schemas']['HolidayYear'][];
      /** @description Years that should be loaded by now (this year, the next from December, any a running SLA reaches): counted as plain weekdays */
      missing: number[];
    };
    HolidayYear: {
      year: number;
      holidays: {
        name: string;
        from: string;
        to: string;
      }[];
      /** @description Working days on a weekend (调休上班) */
      makeUpWorkdays: string[];
      source?: string;
      loadedBy: string;
      loadedAt: string;
    };
    Hub: {
      id: string;
      href: string;
      callback: string;
      query?: string;
      /** @enum {string} */
      '@type': 'Hub';
      /** @description Given once, here: the key of the HMAC-SHA256 in X-Event-Signature (t=<unix seconds>,v1=<hex of HMAC(secret, "<t>.<raw body>")>) */
      secret: string;
    };
    Hub_FVO: {
      /** @description Where the events are POSTed (see EVENT_CALLBACK_HOSTS for the hosts allowed) */
      callback: string;
      /** @description TMF630 filter: eventType=<type>,<type> (all events of the API without it) */
      query?: string;
      /** @enum {string} */
      '@type'?: 'Hub';
    };
  };
  responses: never;
  parameters: never;
  requestBodies: never;
  headers: never;
  pathItems: never;
}
export type $defs = Record<string, never>;
export type operations = Record<string, never>;
